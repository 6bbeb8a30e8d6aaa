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
export type { SimulatorWebhook, WebhookFaultMode } from './createWebhookSender';
export { startSimulatorServer } from './startSimulatorServer';
export type { SimulatorServer, SimulatorServerOptions } from './startSimulatorServer';
export { SIMULATOR_CONTROL_PATH } from './handleSimulatorControl';
export { placeholderVideo } from './placeholderVideo';
export { simulatedPromptRewrite } from './simulatedPromptRewrite';
export { createMockTransport } from './createMockTransport';
export type { MockTransport, MockTransportOptions, MockTransportCalls, MockStep, MockFault } from './createMockTransport';
