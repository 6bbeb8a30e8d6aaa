export { createSimulator, SimulatedDropError } from './createSimulator';
export type {
  Simulator,
  SimulatorOptions,
  SimulatorFault,
  SimulatorOperation,
  SimulatorRequest,
  SimulatorTiming,
  RenderVideo,
  RenderVideoOptions,
  SourceImage,
} from './createSimulator';
export { startSimulatorServer } from './startSimulatorServer';
export type { SimulatorServer, SimulatorServerOptions } from './startSimulatorServer';
export { placeholderVideo } from './placeholderVideo';
