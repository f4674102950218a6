package dev.peloton.tdf.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The race days of the 2023 Tour and the stage of each: 21 stages from 1 to 23 July, with rest days on
 * 10 and 17 July (no stage, no race data). Race days are the partition keys of the race data.
 */
public final class RaceCalendar {

    private final List<LocalDate> raceDays;
    private final LocalDate first;
    private final LocalDate last;
    private final List<LocalDate> restDays;

    RaceCalendar(List<StageFacts> stages) {
        List<LocalDate> days = new ArrayList<>();
        for (StageFacts s : stages) {
            if (!days.isEmpty() && !s.date().isAfter(days.getLast())) {
                throw new IllegalStateException("stage " + s.stage() + " on " + s.date() + " is not after the stage before");
            }
            days.add(s.date());
        }
        this.raceDays = List.copyOf(days);
        this.first = days.getFirst();
        this.last = days.getLast();
        List<LocalDate> rest = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            if (!days.contains(d)) {
                rest.add(d);
            }
        }
        this.restDays = List.copyOf(rest);
    }

    /** The calendar of the 2023 Tour, from the facts on the class path. */
    public static RaceCalendar tdf2023() {
        return TdfFacts.load().calendar();
    }

    /** The 21 race days in order; element {@code i} is the date of stage {@code i + 1}. */
    public List<LocalDate> raceDays() {
        return raceDays;
    }

    /** The days between the first and last stage without a stage (10 and 17 July 2023). */
    public List<LocalDate> restDays() {
        return restDays;
    }

    /** The date of a stage; fails naming the valid range. */
    public LocalDate dateOf(int stage) {
        return raceDays.get(TdfFacts.checkStage(stage) - 1);
    }

    /** Whether a stage was raced on that day. */
    public boolean isRaceDay(LocalDate day) {
        return raceDays.contains(day);
    }

    /** The stage raced on a day; fails saying whether it is a rest day or outside the Tour. */
    public int stageOn(LocalDate day) {
        int i = raceDays.indexOf(day);
        if (i >= 0) {
            return i + 1;
        }
        if (restDays.contains(day)) {
            throw new IllegalArgumentException(day + " is a rest day, not a race day; rest days are " + restDays);
        }
        throw new IllegalArgumentException(day + " is not a race day of the 2023 Tour; race days run from " + first
                + " to " + last + " except the rest days " + restDays);
    }

    /** The stage raced on a day given as an ISO date (a partition key such as {@code 2023-07-04}). */
    public int stageOn(String isoDate) {
        LocalDate day;
        try {
            day = LocalDate.parse(isoDate);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("'" + isoDate + "' is not a date; race days are written like " + first, e);
        }
        return stageOn(day);
    }
}
