/** A container format recognised from an audio file's first bytes or its MIME type. */
export interface AudioFormat {
  /** Short name, e.g. `ogg`, `mp3`, `amr`, `silk`. */
  name: string;
  /** The file extension to use, without the dot. */
  extension: string;
  /** The canonical MIME type. */
  mimeType: string;
}

const formats = {
  ogg: { name: 'ogg', extension: 'ogg', mimeType: 'audio/ogg' },
  wav: { name: 'wav', extension: 'wav', mimeType: 'audio/wav' },
  mp3: { name: 'mp3', extension: 'mp3', mimeType: 'audio/mpeg' },
  amr: { name: 'amr', extension: 'amr', mimeType: 'audio/amr' },
  amrWideband: { name: 'amr-wb', extension: 'awb', mimeType: 'audio/amr-wb' },
  m4a: { name: 'm4a', extension: 'm4a', mimeType: 'audio/mp4' },
  threeGp: { name: '3gp', extension: '3gp', mimeType: 'audio/3gpp' },
  webm: { name: 'webm', extension: 'webm', mimeType: 'audio/webm' },
  flac: { name: 'flac', extension: 'flac', mimeType: 'audio/flac' },
  silk: { name: 'silk', extension: 'silk', mimeType: 'audio/silk' },
} as const satisfies Record<string, AudioFormat>;

const byMimeType: Record<string, AudioFormat> = {
  'audio/ogg': formats.ogg,
  'audio/opus': formats.ogg,
  'application/ogg': formats.ogg,
  'audio/wav': formats.wav,
  'audio/x-wav': formats.wav,
  'audio/wave': formats.wav,
  'audio/mpeg': formats.mp3,
  'audio/mp3': formats.mp3,
  'audio/amr': formats.amr,
  'audio/amr-wb': formats.amrWideband,
  'audio/mp4': formats.m4a,
  'audio/m4a': formats.m4a,
  'audio/x-m4a': formats.m4a,
  'audio/aac': formats.m4a,
  'audio/3gpp': formats.threeGp,
  'audio/webm': formats.webm,
  'audio/flac': formats.flac,
  'audio/silk': formats.silk,
};

function startsWith(bytes: Uint8Array, text: string, offset = 0): boolean {
  if (bytes.length < offset + text.length) return false;
  for (let index = 0; index < text.length; index += 1) {
    if (bytes[offset + index] !== text.charCodeAt(index)) return false;
  }
  return true;
}

function sniff(bytes: Uint8Array): AudioFormat | undefined {
  if (startsWith(bytes, 'OggS')) return formats.ogg;
  if (startsWith(bytes, 'RIFF') && startsWith(bytes, 'WAVE', 8)) return formats.wav;
  if (startsWith(bytes, '#!AMR-WB\n')) return formats.amrWideband;
  if (startsWith(bytes, '#!AMR\n')) return formats.amr;
  if (startsWith(bytes, '#!SILK') || startsWith(bytes, '#!SILK', 1)) return formats.silk;
  if (startsWith(bytes, 'fLaC')) return formats.flac;
  if (startsWith(bytes, 'ftyp', 4)) return startsWith(bytes, '3gp', 8) ? formats.threeGp : formats.m4a;
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) return formats.webm;
  if (startsWith(bytes, 'ID3')) return formats.mp3;
  const first = bytes[0] ?? 0;
  const second = bytes[1] ?? 0;
  if (first === 0xff && (second & 0xe6) === 0xe2) return formats.mp3;
  return undefined;
}

/**
 * Recognises an audio format from its first bytes (magic numbers), falling back to the MIME
 * type the chat platform reported. Platforms often send `application/octet-stream`, so the
 * bytes win when both are known. Returns `undefined` for anything unrecognised.
 */
export function detectAudioFormat(options: { audio: Uint8Array; mimeType?: string }): AudioFormat | undefined {
  const sniffed = sniff(options.audio);
  if (sniffed) return sniffed;
  const mimeType = options.mimeType?.split(';')[0]?.trim().toLowerCase();
  return mimeType === undefined ? undefined : byMimeType[mimeType];
}
