// glibc's malloc tuning, which Swift's Glibc module does not expose (mallopt and its M_* parameters).
#pragma once
#if defined(__linux__)
#include <features.h>  // defines __GLIBC__ (musl has no mallopt)
#endif
#if defined(__GLIBC__)
#include <malloc.h>

/// At most `arenas` malloc arenas (mallopt M_ARENA_MAX); returns 1 on success.
static inline int capmaas_malloc_set_arena_max(int arenas) { return mallopt(M_ARENA_MAX, arenas); }

/// A fixed mmap threshold in bytes (mallopt M_MMAP_THRESHOLD; disables glibc's dynamic threshold); 1 on success.
static inline int capmaas_malloc_set_mmap_threshold(int bytes) { return mallopt(M_MMAP_THRESHOLD, bytes); }
#endif
