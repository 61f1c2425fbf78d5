/** Where and how `downcity start` exports traces, read from the standard `OTEL_*` variables. */
export interface OtlpSettings {
  /** The OTLP/HTTP traces URL, e.g. `http://127.0.0.1:4318/v1/traces`. */
  url: string;
  /** The `service.name` resource attribute. */
  serviceName: string;
}

const DEFAULT_ENDPOINT = 'http://localhost:4318';

/**
 * The OTLP export `downcity start` should set up, or `undefined` to leave tracing off (nothing loaded). It is on
 * when `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` or `OTEL_EXPORTER_OTLP_ENDPOINT` is set or `OTEL_TRACES_EXPORTER`
 * names `otlp`; `OTEL_SDK_DISABLED=true` or `OTEL_TRACES_EXPORTER=none` turns it off. The traces endpoint is used
 * as given; the general endpoint gets `/v1/traces` appended, as the OTLP exporter specification says.
 */
export function otlpSettings(env: Readonly<Record<string, string | undefined>>, agentName: string): OtlpSettings | undefined {
  const value = (name: string): string | undefined => env[name]?.trim() || undefined;
  if (value('OTEL_SDK_DISABLED')?.toLowerCase() === 'true') return undefined;
  const exporters = (value('OTEL_TRACES_EXPORTER') ?? '').split(',').map((entry) => entry.trim().toLowerCase());
  if (exporters.includes('none')) return undefined;
  const tracesEndpoint = value('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  const endpoint = value('OTEL_EXPORTER_OTLP_ENDPOINT');
  if (!tracesEndpoint && !endpoint && !exporters.includes('otlp')) return undefined;
  const url = tracesEndpoint ?? `${(endpoint ?? DEFAULT_ENDPOINT).replace(/\/+$/, '')}/v1/traces`;
  return { url, serviceName: value('OTEL_SERVICE_NAME') ?? agentName };
}
