/** One part of a multipart/form-data body. */
export interface MultipartPart {
  /** Field name. */
  name: string;
  /** File name, for file parts. */
  fileName?: string;
  /** Raw bytes of the part body. */
  data: Buffer;
}

/**
 * A lenient multipart/form-data reader (RFC 7578), accepting what HTTP servers accept in practice:
 * header names in any case, no space after `:` or `;`, quoted or bare parameter values.
 */
export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const marker = Buffer.from(`--${boundary?.[1] ?? boundary?.[2] ?? ''}`);
  const parts: MultipartPart[] = [];
  let start = body.indexOf(marker);
  while (start !== -1) {
    const from = start + marker.length;
    if (body.subarray(from, from + 2).toString() === '--') break;
    const next = body.indexOf(marker, from);
    if (next === -1) break;
    const raw = body.subarray(from + 2, next - 2);
    const split = raw.indexOf('\r\n\r\n');
    if (split !== -1) {
      const part = readPart(raw.subarray(0, split).toString('utf8'), raw.subarray(split + 4));
      if (part) parts.push(part);
    }
    start = next;
  }
  return parts;
}

function readPart(headers: string, data: Buffer): MultipartPart | undefined {
  const disposition = headers.split('\r\n').find((line) => /^content-disposition\s*:/i.test(line));
  if (!disposition) return undefined;
  const name = parameter(disposition, 'name');
  if (name === undefined) return undefined;
  const fileName = parameter(disposition, 'filename');
  return fileName === undefined ? { name, data } : { name, fileName, data };
}

function parameter(header: string, key: string): string | undefined {
  const match = new RegExp(`;\\s*${key}=(?:"([^"]*)"|([^;\\r\\n]*))`, 'i').exec(header);
  return match ? (match[1] ?? match[2]?.trim()) : undefined;
}
