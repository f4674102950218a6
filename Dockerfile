# The Tour de France example as a container image. Build the jar first:
#   ./mvnw -B -pl assets-tourdefrance -am package -DskipTests
# then: docker compose up --build   (see docs/clustering.md)
FROM eclipse-temurin:21-jre

# curl is for the health check only.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --system --create-home --home-dir /app peloton
WORKDIR /app
COPY assets-tourdefrance/target/peloton-tourdefrance.jar /app/app.jar
RUN mkdir -p /data/lake /app/data && chown -R peloton /data /app
USER peloton

ENV PELOTON_DATA_DIR=/app/data \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 --enable-native-access=ALL-UNNAMED"
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS http://localhost:8080/actuator/health || exit 1
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/app.jar \"$@\"", "--"]
