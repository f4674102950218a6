/**
 * The engine behind the public API: the asset graph and its validation, discovery of annotated methods,
 * selection, staleness, planning and the in-process executor. Runtimes build on these types; asset authors
 * should not need them, and they carry no compatibility promise.
 */
package dev.peloton.core.engine;
