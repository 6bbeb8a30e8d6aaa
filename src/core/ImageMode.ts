/** How images reach the model: uploaded first (a URL is sent), or inlined in the submit body. */
export type ImageMode = 'upload' | 'data-uri';
