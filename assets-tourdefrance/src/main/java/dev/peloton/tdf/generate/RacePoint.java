package dev.peloton.tdf.generate;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One GPS point of one rider, as a bike computer records it and Strava exports it. Values are already rounded to
 * the precision they are stored with. Sensor fields are null where the rider has no such sensor or it dropped out.
 *
 * @param raceDay     the race day (partition key)
 * @param stage       stage number
 * @param bib         the rider's bib
 * @param stravaId    the rider's Strava athlete id
 * @param time        when the point was recorded (whole seconds)
 * @param lat         latitude (degrees, 6 decimals); a bad point may hold a value out of -90..90
 * @param lon         longitude (degrees, 6 decimals); a bad point may hold a value out of -180..180
 * @param altitude    barometric altitude (m, 1 decimal), or null
 * @param distance    distance along the route from the start (m, 1 decimal)
 * @param speed       instantaneous speed (km/h, 2 decimals)
 * @param heartRate   heart rate (bpm), or null
 * @param cadence     cadence (rpm), or null; 0 when freewheeling
 * @param power       power (W), or null; 0 when freewheeling
 * @param temperature air temperature from the device (°C), or null
 * @param moving      false while stopped (mechanical, nature break)
 */
public record RacePoint(LocalDate raceDay, int stage, int bib, long stravaId, Instant time, double lat, double lon,
                        Double altitude, double distance, double speed, Integer heartRate, Integer cadence,
                        Integer power, Integer temperature, boolean moving) {

    /** Whether latitude and longitude are valid WGS84 values. */
    public boolean hasValidPosition() {
        return lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
    }
}
