import { CliError } from '../cli/cli-error.js';
import { ExitCodes } from '../cli/exit-codes.js';
import type { OtlpSettings } from './otlp-settings.js';

/** Where traces go, for the start-up note: the URL without credentials or query. */
export const describeTraceTarget = (settings: OtlpSettings): string => {
  const url = new URL(settings.url);
  return `${url.protocol}//${url.host}${url.pathname} (service.name "${settings.serviceName}")`;
};

/** A running OpenTelemetry SDK; `shutdown` flushes the spans not exported yet and unregisters it. */
export interface TracingRuntime {
  /** Exports what is buffered, then unregisters the tracer provider, context manager and propagator. */
  shutdown(): Promise<void>;
}

/**
 * Starts the OpenTelemetry SDK for `downcity start`: a tracer provider exporting in batches over OTLP/HTTP
 * (JSON) to `settings.url`, the AsyncLocalStorage context manager and the W3C trace-context propagator, all
 * registered globally so the spans of `@downcity/core` and the services go there. The SDK is imported here
 * only, so an agent without `OTEL_*` settings never loads it. Headers, timeout and compression come from the
 * standard `OTEL_EXPORTER_OTLP_*` variables, read by the exporter; `OTEL_RESOURCE_ATTRIBUTES` adds resource
 * attributes.
 */
export async function startTracing(settings: OtlpSettings): Promise<TracingRuntime> {
  const [{ context, propagation, trace }, { AsyncLocalStorageContextManager }, { W3CTraceContextPropagator }, { OTLPTraceExporter }, resources, { BatchSpanProcessor, TracerProvider }] =
    await Promise.all([
      import('@opentelemetry/api'),
      import('@opentelemetry/context-async-hooks'),
      import('@opentelemetry/core'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/resources'),
      import('@opentelemetry/sdk-trace'),
    ]);
  // OTEL_RESOURCE_ATTRIBUTES adds attributes; the service name is the one chosen in settings (OTEL_SERVICE_NAME or the agent's name).
  const resource = resources
    .detectResources({ detectors: [resources.resourceAttributesEnvDetector] })
    .merge(resources.resourceFromAttributes({ 'service.name': settings.serviceName }));
  const provider = new TracerProvider({ resource, spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: settings.url }) })] });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  const registered = context.setGlobalContextManager(contextManager) && trace.setGlobalTracerProvider(provider) && propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  if (!registered) {
    contextManager.disable();
    await provider.shutdown();
    throw new CliError(ExitCodes.invalidConfig, 'OpenTelemetry is registered already in this process (by --import or NODE_OPTIONS?); unset the OTEL_EXPORTER_OTLP_* variables to let that setup export, or remove it.');
  }
  return {
    async shutdown() {
      try {
        await provider.shutdown();
      } finally {
        trace.disable();
        context.disable();
        propagation.disable();
      }
    },
  };
}
