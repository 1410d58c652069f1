/**
 * What jsdom lacks and every browser the pane runs in has (Node provides them): text encoding and
 * decoding, and the compression streams the split packs .xlsx parts with and the returned-file
 * reader unpacks them with. Call at the top of a test file that splits or collects.
 */
export function installBrowserStreams(): void {
  Object.assign(globalThis, {
    TextDecoder: globalThis.TextDecoder ?? jest.requireActual<typeof import("util")>("util").TextDecoder,
    TextEncoder: globalThis.TextEncoder ?? jest.requireActual<typeof import("util")>("util").TextEncoder,
    DecompressionStream:
      globalThis.DecompressionStream ??
      jest.requireActual<typeof import("stream/web")>("stream/web").DecompressionStream,
    CompressionStream:
      globalThis.CompressionStream ?? jest.requireActual<typeof import("stream/web")>("stream/web").CompressionStream,
  });
}
