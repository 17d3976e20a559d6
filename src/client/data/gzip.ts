/**
 * Request bodies compressed on the phone: a batch of similar reports compresses well, and on
 * 3G the bytes are most of a push's time. The platform's CompressionStream, where there is one
 * (the server decompresses, then applies its size limit).
 */
/** gzip of `text`; null where the browser has no CompressionStream (send it plain). */
export async function gzip(text: string): Promise<Uint8Array<ArrayBuffer> | null> {
  if (typeof CompressionStream === 'undefined') return null;
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
