package dev.peloton.runtime.automation;

import java.util.List;

/**
 * A page of ticks, newest first.
 *
 * @param ticks    the ticks
 * @param beforeId pass it to get the next (older) page, or {@code null} on the last page
 */
public record TickPage(List<TickRecord> ticks, Long beforeId) {

    public TickPage {
        ticks = List.copyOf(ticks);
    }
}
