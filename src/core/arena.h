/* arena.h: a per-request bump allocator; everything in it is freed together. */
#ifndef LW_ARENA_H
#define LW_ARENA_H
#include <stddef.h>
#include <stdarg.h>

typedef struct arena_block arena_block;
typedef struct arena {
	arena_block *head;
} arena;

void *arena_alloc(arena *a, size_t n);          /* zeroed, 16-byte aligned */
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void arena_free(arena *a);                      /* releases every block */
#endif
