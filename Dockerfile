# CareerCenter: one static binary in a distroless image, run as non-root.
# Roles by command: web, worker, migrate (see Procfile and README).
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/careercenter .

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/careercenter /usr/local/bin/careercenter
USER nonroot:nonroot
ENV APP_ENV=production PORT=3000
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 CMD ["careercenter", "healthcheck"]
ENTRYPOINT ["careercenter"]
CMD ["web"]
