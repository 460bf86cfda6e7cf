package app

import (
	"context"
	"slices"
	"time"

	"github.com/riverqueue/river"
	"github.com/uptrace/bun"

	"careercenter/models"
	"careercenter/models/email"
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
	DB     *bun.DB
	Mail   *email.Mail
	Secret string           // signs the unsubscribe links
	Clock  func() time.Time // nil: the real time; tests move it
}

// Work runs one pass of the job's frequency.
func (w *AlertWorker) Work(ctx context.Context, job *river.Job[AlertArgs]) error {
	return w.Run(ctx, job.Args.Frequency)
}

// Run sends the due alerts of one frequency. Matching is set-based (see
// models.MatchAlerts); each batch of searches is claimed and its emails
// queued in one transaction, so a crash neither loses nor repeats an alert.
func (w *AlertWorker) Run(ctx context.Context, frequency string) error {
	now := clockNow(w.Clock)
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
			emails, err := email.BuildAll(len(alerts), func(i int) (email.Email, error) {
				return w.Mail.AlertJobsDigest(alerts[i], models.UnsubscribeToken(w.Secret, alerts[i].Search.ID))
			})
			if err != nil {
				return err
			}
			if err := w.Mail.Queue(ctx, tx, emails...); err != nil {
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
