package dev.peloton.core.engine.graph;

/** Where an asset's code version comes from. */
public enum CodeVersionSource {
    /** Given on the annotation. */
    EXPLICIT,
    /** A hash of the method's bytecode, with the constants it uses resolved. */
    BYTECODE,
    /** Given by whoever built the definition in code (tests, generated graphs). */
    PROGRAMMATIC
}
