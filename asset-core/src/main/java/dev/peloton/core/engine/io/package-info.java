/**
 * IO managers as the engine uses them: the {@link dev.peloton.core.engine.io.IOManagerRegistry} that finds them by
 * name, and the {@link dev.peloton.core.engine.io.InMemoryIOManager} that tests and the default setup use.
 */
package dev.peloton.core.engine.io;
