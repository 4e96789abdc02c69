/* json_arena.h - Jansson's allocations from a bump arena while one is open on the thread,
 * so that building and freeing a large document (a saved report loaded by `merge`, the
 * report written from it) costs no malloc/free per node.
 * Contract: json_arena_install() runs once, first thing in main, before any Jansson value
 * exists (it prefixes every Jansson allocation with a tag). Without it, begin/end do
 * nothing (most unit tests). The fuzz targets that build documents install it as the
 * product does. Every value allocated between begin and end must be freed (json_decref),
 * on the same thread, before end: end releases the memory in one go. No nesting.
 * Under AddressSanitizer an overflow past an arena value, a use after its free or after
 * end, and a value not freed by end (abort) are still reported (json_arena.c).
 * Threads: the arena is per thread (begin/end affect only the calling thread's allocations);
 * install is called once, before any thread starts. */
#ifndef SH_UTIL_JSON_ARENA_H
#define SH_UTIL_JSON_ARENA_H

void json_arena_install(void);
void json_arena_begin(void);
void json_arena_end(void);

#endif
