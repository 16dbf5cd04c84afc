/**
 * Windows-1252 → text. Not `new TextDecoder('windows-1252')`: Node 20.18.3 and later decode with
 * a Latin-1 fast path that turns 0x80–0x9F (€, curly quotes, dashes: common in Excel text) into
 * control characters (nodejs/node#60888). Windows-1252 is Latin-1 apart from those 32 bytes,
 * mapped here as in the WHATWG Encoding Standard's index (the five bytes it leaves undefined,
 * 0x81, 0x8D, 0x8F, 0x90 and 0x9D, stay the C1 control with the same number, as WHATWG has it).
 * The one Windows-1252 decoder: DfE tidy CSVs and officers' returns both go through it.
 */
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const codes = Array.from(bytes.subarray(i, i + 8192), (b) =>
      b >= 0x80 && b <= 0x9f ? WINDOWS_1252_HIGH[b - 0x80]! : b,
    );
    text += String.fromCharCode(...codes);
  }
  return text;
}
