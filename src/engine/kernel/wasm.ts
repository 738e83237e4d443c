// The part of Node's WebAssembly API the kernels use (@types/node 20 does not declare it).

/** A compiled module. */
export interface WasmModule { readonly kind?: 'module' }

/** A module's memory; its buffer is replaced (the old one emptied) when it grows. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/**
 * Node's `WebAssembly`, as far as the kernels use it.
 *
 * @example
 * const memory = new wasmApi.Memory({ initial: 1 });
 */
export interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => WasmMemory;
}

/**
 * The global `WebAssembly`, typed.
 *
 * @example
 * const module = new wasmApi.Module(bytes);
 */
export const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** Bytes of a page of WebAssembly memory. */
export const PAGE = 1 << 16;
