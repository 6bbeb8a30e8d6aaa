import { createImageToVideoHandler } from 'react-image-to-video/server';

// The key stays here, on the server: WAVESPEED_API_KEY (and WAVESPEED_BASE_URL in tests) from
// the environment or .env.local. Node runtime, not edge: uploads may be up to 20 MiB.
const handler = createImageToVideoHandler();

export { handler as GET, handler as POST };
