/**
 * Run events: what the executor reports while it runs a plan ({@link dev.peloton.core.engine.event.RunEvent}),
 * and where it reports them ({@link dev.peloton.core.engine.event.EventSink}).
 */
package dev.peloton.core.engine.event;
