// The image preparation steps, as one module so an app's bundler makes them one lazy chunk:
// `loadImagePreparation` imports this on first use, never the drop-in's first load.
export { preflightImage } from '../core/preflight/preflightImage';
export { loadImageUrl } from '../core/preflight/loadImageUrl';
