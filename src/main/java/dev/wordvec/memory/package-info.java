/**
 * Memory the process needed only for a while: after a burst of requests, the heap the collector
 * grew and the native buffers glibc keeps in its arenas are given back once the service is idle.
 * The core ({@link IdleMemoryRelease}) needs no Spring. {@link HeapShare} lets a request's share of
 * the bound on large bodies pass to the bound that counts it from then on.
 */
package dev.wordvec.memory;
