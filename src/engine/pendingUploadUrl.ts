/**
 * Stands in for a Blob not uploaded yet, so every other field is checked before any byte leaves
 * (`.invalid` is reserved: it never resolves, and it is never sent).
 */
export const PENDING_UPLOAD_URL = 'https://upload.invalid/pending';
