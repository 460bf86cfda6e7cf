// Package metrics holds a process's Prometheus metrics. Every method works on
// a nil *Metrics, so code that counts needs no check.
package metrics

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/uptrace/bun"

	"careercenter/models"
)

// Metrics are the counters of one process, in its own registry.
type Metrics struct {
	Registry *prometheus.Registry

	requests       *prometheus.CounterVec
	duration       *prometheus.HistogramVec
	emails         *prometheus.CounterVec
	meter          *prometheus.CounterVec
	webhooks       *prometheus.CounterVec
	signInFailures prometheus.Counter
}

// New registers the metrics, plus the Go runtime's and the process's.
func New() *Metrics {
	m := &Metrics{
		Registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "careercenter_http_requests_total", Help: "HTTP requests by route pattern, method and status.",
		}, []string{"route", "method", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "careercenter_http_request_duration_seconds", Help: "HTTP request duration by route pattern.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"route", "method"}),
		emails: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "careercenter_emails_total", Help: "Delivery attempts by outcome (sent or failed).",
		}, []string{"outcome"}),
		meter: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "careercenter_meter_decisions_total", Help: "Metered page views by viewer kind and decision.",
		}, []string{"viewer", "decision"}),
		webhooks: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "careercenter_webhook_events_total", Help: "Stripe webhook events by type and outcome.",
		}, []string{"type", "outcome"}),
		signInFailures: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "careercenter_signin_failures_total", Help: "Sign-ins refused for a wrong email or password.",
		}),
	}
	m.Registry.MustRegister(m.requests, m.duration, m.emails, m.meter, m.webhooks, m.signInFailures,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the registry in Prometheus's text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.Registry, promhttp.HandlerOpts{Registry: m.Registry})
}

// Request counts one answered request under its route pattern.
func (m *Metrics) Request(route, method string, status int, took time.Duration) {
	if m == nil {
		return
	}
	m.requests.WithLabelValues(route, method, strconv.Itoa(status)).Inc()
	m.duration.WithLabelValues(route, method).Observe(took.Seconds())
}

// Email counts one delivery attempt.
func (m *Metrics) Email(err error) {
	if m == nil {
		return
	}
	outcome := "sent"
	if err != nil {
		outcome = "failed"
	}
	m.emails.WithLabelValues(outcome).Inc()
}

// Meter counts one metered view: viewer is guest, free or pro.
func (m *Metrics) Meter(viewer string, granted bool) {
	if m == nil {
		return
	}
	decision := "granted"
	if !granted {
		decision = "refused"
	}
	m.meter.WithLabelValues(viewer, decision).Inc()
}

// Webhook counts one webhook event: outcome is applied, duplicate or failed.
func (m *Metrics) Webhook(eventType, outcome string) {
	if m == nil {
		return
	}
	m.webhooks.WithLabelValues(eventType, outcome).Inc()
}

// SignInFailure counts one refused sign-in.
func (m *Metrics) SignInFailure() {
	if m == nil {
		return
	}
	m.signInFailures.Inc()
}

// WatchPool reports the pgx pool's connections at each scrape.
func (m *Metrics) WatchPool(name string, pool *pgxpool.Pool) {
	labels := prometheus.Labels{"pool": name}
	gauge := func(n, help string, f func(*pgxpool.Stat) float64) prometheus.Collector {
		return prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "careercenter_db_" + n, Help: help, ConstLabels: labels},
			func() float64 { return f(pool.Stat()) })
	}
	m.Registry.MustRegister(
		gauge("connections_in_use", "Connections checked out of the pool.", func(s *pgxpool.Stat) float64 { return float64(s.AcquiredConns()) }),
		gauge("connections_idle", "Idle connections in the pool.", func(s *pgxpool.Stat) float64 { return float64(s.IdleConns()) }),
		gauge("connections_max", "The pool's size limit.", func(s *pgxpool.Stat) float64 { return float64(s.MaxConns()) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "careercenter_db_acquire_waits_total",
			Help: "Acquisitions that had to wait for a connection.", ConstLabels: labels},
			func() float64 { return float64(pool.Stat().EmptyAcquireCount()) }),
	)
}

// WatchQueue reports River's jobs by kind and state at each scrape, read
// from the database (so every process reports the same, shared numbers).
func (m *Metrics) WatchQueue(db bun.IDB) {
	m.Registry.MustRegister(&queueCollector{db: db})
}

var queueDesc = prometheus.NewDesc("careercenter_jobs", "Background jobs in River's table by kind and state.",
	[]string{"kind", "state"}, nil)

type queueCollector struct{ db bun.IDB }

func (q *queueCollector) Describe(ch chan<- *prometheus.Desc) { ch <- queueDesc }

func (q *queueCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	counts, err := models.QueueCounts(ctx, q.db)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(queueDesc, err)
		return
	}
	for _, c := range counts {
		ch <- prometheus.MustNewConstMetric(queueDesc, prometheus.GaugeValue, float64(c.Count), c.Kind, c.State)
	}
}
