export { recordingLogger, type RecordedLine, type RecordingLogger } from '@downcity/testing';
