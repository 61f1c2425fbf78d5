/**
 * `@downcity/task/test`: helpers for testing tasks and plugins that attach to the task service.
 *
 * @packageDocumentation
 */
export { createFakeClock, type FakeClock } from './schedule/fake-clock.js';
export { createRecordingChat, type RecordingChat, type RecordedDelivery } from './testing/recording-chat.js';
