/**
 * `Content-Disposition` of a download: the ASCII name for old clients and the real (Chinese) name
 * as RFC 6266 / RFC 5987 `filename*`.
 */
export function attachmentDisposition(fileName: string, asciiName: string): string {
  const ascii = asciiName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
