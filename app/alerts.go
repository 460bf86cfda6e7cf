package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/riverqueue/river"
	"github.com/uptrace/bun"

	"careercenter/app/mail"
	"careercenter/models"
)

// AlertArgs is the periodic job that sends the saved-search alerts of one
// frequency: instant every minute, daily and weekly digests checked hourly.
type AlertArgs struct {
	Frequency string `json:"frequency" river:"unique"`
}

// Kind names the job in River's table.
func (AlertArgs) Kind() string { return "saved_search_alerts" }

// InsertOpts keeps at most one run per frequency waiting at a time.
func (AlertArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true, ByPeriod: time.Minute}}
}

// Alert schedules.
const (
	instantAlertInterval = time.Minute
	digestInterval       = time.Hour
	// alertBatch is how many searches one sending transaction claims; their
	// emails are queued in one insert (500: a tenth of the statements of 100
	// and each job read once per batch, for locks held well under a second).
	alertBatch = 500
)

// alertPeriodicJobs are the alert schedules for NewWorker.
func alertPeriodicJobs() []*river.PeriodicJob {
	job := func(every time.Duration, freq string) *river.PeriodicJob {
		return river.NewPeriodicJob(river.PeriodicInterval(every),
			func() (river.JobArgs, *river.InsertOpts) { return AlertArgs{Frequency: freq}, nil },
			&river.PeriodicJobOpts{RunOnStart: true})
	}
	return []*river.PeriodicJob{
		job(instantAlertInterval, models.AlertInstant),
		job(digestInterval, models.AlertDaily),
		job(digestInterval, models.AlertWeekly),
	}
}

// AlertWorker matches new jobs against saved searches and queues one email
// per search. The email worker delivers it, retrying while SMTP refuses.
type AlertWorker struct {
	river.WorkerDefaults[AlertArgs]
	DB      *bun.DB
	Mail    *mail.Mailer
	BaseURL string
	Secret  string           // signs the unsubscribe links
	Clock   func() time.Time // nil: the real time; tests move it
}

// Work runs one pass of the job's frequency.
func (w *AlertWorker) Work(ctx context.Context, job *river.Job[AlertArgs]) error {
	return w.Run(ctx, job.Args.Frequency)
}

// Run sends the due alerts of one frequency. Matching is set-based (see
// models.MatchAlerts); each batch of searches is claimed and its emails
// queued in one transaction, so a crash neither loses nor repeats an alert.
func (w *AlertWorker) Run(ctx context.Context, frequency string) error {
	now := time.Now()
	if w.Clock != nil {
		now = w.Clock()
	}
	due, err := models.DueAlertSearches(ctx, w.DB, frequency, now)
	if err != nil || len(due) == 0 {
		return err
	}
	matches, err := models.MatchAlerts(ctx, w.DB, due, now)
	if err != nil {
		return err
	}
	var matched, ids []int64
	for _, s := range due {
		ids = append(ids, s.ID)
		if len(matches[s.ID]) > 0 {
			matched = append(matched, s.ID)
		}
	}
	until := models.DigestUntil(now)
	for start := 0; start < len(matched); start += alertBatch {
		batch := matched[start:min(start+alertBatch, len(matched))]
		var searches []models.AlertSearch
		for _, s := range due {
			if slices.Contains(batch, s.ID) {
				searches = append(searches, s)
			}
		}
		err := w.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			alerts, err := models.ClaimAlerts(ctx, tx, searches, matches, now)
			if err != nil {
				return err
			}
			msgs := make([]mail.Message, len(alerts))
			for i, a := range alerts {
				msgs[i] = w.message(a)
			}
			if err := w.Mail.QueueMany(ctx, tx, msgs); err != nil {
				return err
			}
			return models.AdvanceDigests(ctx, tx, batch, until)
		})
		if err != nil {
			return err
		}
	}
	// Digests without new jobs move on too.
	return models.AdvanceDigests(ctx, w.DB, ids, until)
}

// alertJob is one job as the alert email lists it.
type alertJob struct {
	Title, Company, Pay, WorkMode, Link string
}

// message builds the alert_jobs email for a, keyed by the search and its
// jobs so that queueing the same alert twice sends it once.
func (w *AlertWorker) message(a models.Alert) mail.Message {
	f := a.Search.Filter()
	ids := make([]string, len(a.Jobs))
	jobs := make([]alertJob, len(a.Jobs))
	for i, j := range a.Jobs {
		ids[i] = strconv.FormatInt(j.ID, 10)
		jobs[i] = alertJob{Title: j.Title, Company: j.CompanyName, Pay: models.SalaryText(j.SalaryMin, j.SalaryMax, j.SalaryPeriod),
			WorkMode: models.TermLabel(models.WorkModes, j.WorkMode), Link: w.BaseURL + j.Path()}
	}
	slices.Sort(ids)
	sum := sha256.Sum256([]byte(strings.Join(ids, ",")))
	unsubscribe := w.BaseURL + "/alerts/unsubscribe?token=" + url.QueryEscape(models.UnsubscribeToken(w.Secret, a.Search.ID))
	more := w.BaseURL + "/jobs"
	if a.Search.Query != "" {
		more += "?" + a.Search.Query
	}
	return mail.Message{
		To:       a.Search.Email,
		Template: "alert_jobs",
		Key:      "alert:" + strconv.FormatInt(a.Search.ID, 10) + ":" + hex.EncodeToString(sum[:16]),
		Headers: map[string]string{
			"List-Unsubscribe":      "<" + unsubscribe + ">",
			"List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
		},
		Data: map[string]any{
			"Name": a.Search.Name, "Description": f.Describe(), "Count": len(a.Jobs), "Jobs": jobs,
			"More": a.More, "MoreLink": more, "ManageLink": w.BaseURL + "/alerts", "UnsubscribeLink": unsubscribe,
		},
	}
}
