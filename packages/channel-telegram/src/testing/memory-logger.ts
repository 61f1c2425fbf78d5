export { recordingLogger as memoryLogger, type RecordedLine as LogLine, type RecordingLogger as MemoryLogger } from '@downcity/testing';
