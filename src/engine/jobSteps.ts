// What runs once there is a job, as one module so an app's bundler makes it one lazy chunk:
// `loadJobSteps` imports it on the first submit, prompt improvement or status read, never the
// first load.
export { createSubmissionMutation } from './createSubmissionMutation';
export { createOptimizationMutation } from './createOptimizationMutation';
export { readPrediction } from './readPrediction';
