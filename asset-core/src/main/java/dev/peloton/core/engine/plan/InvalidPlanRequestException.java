package dev.peloton.core.engine.plan;

/** A request the planner cannot plan; the message says what is wrong and names the assets and keys involved. */
public class InvalidPlanRequestException extends IllegalArgumentException {

    public InvalidPlanRequestException(String message) {
        super(message);
    }
}
