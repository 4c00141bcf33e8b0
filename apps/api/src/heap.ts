import { setFlagsFromString } from 'node:v8';

/**
 * After each major GC, V8 lets the old generation grow by 25% of what survived before the next
 * one, instead of its default (up to 2–4× on a small heap). A sync streams 100,000 records page
 * by page; a page is held while it is written (hundreds of milliseconds), so its objects outlive
 * the young generation and are promoted, and with the default factor they piled up as garbage:
 * the process climbed from ~200 to 330–410 MB RSS through a first sync and a re-sync, peaking
 * wherever the next major GC happened to fall. With 25% it stays near what it really holds
 * (~210 MB through both), for more frequent major GCs, which V8 marks incrementally and mostly
 * off the main thread. Imported first by the process's entry points (main, worker).
 */
setFlagsFromString('--heap-growing-percent=25');
