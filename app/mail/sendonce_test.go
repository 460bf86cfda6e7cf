package mail_test

import (
	"bytes"
	"encoding/json"
	"maps"
	netmail "net/mail"
	"testing"

	"careercenter/app/apptest"
	"careercenter/app/mail"
	"careercenter/models"
)

// messageID reads the Message-ID header of a raw message.
func messageID(t *testing.T, raw []byte) string {
	t.Helper()
	msg, err := netmail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	return msg.Header.Get("Message-Id")
}

// A server that answers 250 to the end of DATA and then drops the line has
// the message: the failing RSET/QUIT after it must not make a second send.
func TestDropAfterAcceptSendsOnce(t *testing.T) {
	t.Parallel()
	d := apptest.DB(t)
	srv, sender := startSMTP(t, 0)
	srv.DropAfterAccept = 3
	m := newMailer(t, d)
	for _, to := range []string{"ada@example.com", "bob@example.com", "cy@example.com"} {
		if err := m.Queue(t.Context(), d.Bun, verifyMessage(t, to, "")); err != nil {
			t.Fatal(err)
		}
	}
	jobs := waitCompleted(t, startWorkers(t, d, sender), 3)
	for _, j := range jobs {
		if j.Attempt != 1 {
			t.Errorf("job %d took %d attempts, want 1", j.ID, j.Attempt)
		}
	}
	got := srv.Received()
	if len(got) != 3 {
		t.Fatalf("server received %d messages, want 3 (no duplicates)", len(got))
	}
	if srv.DropAfterAccept != 0 {
		t.Fatalf("%d drops left: the connections were not dropped", srv.DropAfterAccept)
	}
}

// The Message-ID is chosen when the email is queued: a retry after a line
// dropped before the server's answer sends the same one, so the receiver can
// tell the copy for what it is.
func TestRetryKeepsMessageID(t *testing.T) {
	t.Parallel()
	d := apptest.DB(t)
	srv, sender := startSMTP(t, 0)
	srv.DropBeforeReply = 1
	if err := newMailer(t, d).Queue(t.Context(), d.Bun, verifyMessage(t, "ada@example.com", "")); err != nil {
		t.Fatal(err)
	}
	jobs := waitCompleted(t, startWorkers(t, d, sender), 1)
	if jobs[0].Attempt != 2 {
		t.Errorf("attempts = %d, want 2", jobs[0].Attempt)
	}
	var args mail.EmailArgs
	if err := json.Unmarshal(jobs[0].EncodedArgs, &args); err != nil {
		t.Fatal(err)
	}
	got := srv.Received()
	if len(got) != 2 {
		t.Fatalf("server received %d messages, want 2 (the dropped one and its retry)", len(got))
	}
	want := "<" + args.MessageID + ">"
	for i, msg := range got {
		if id := messageID(t, msg.Raw); args.MessageID == "" || id != want {
			t.Errorf("delivery %d: Message-ID %q, want %q from the queued job", i+1, id, want)
		}
	}
}

// Two emails never share a Message-ID, and it sits in the sender's domain.
func TestMessageIDsAreUnique(t *testing.T) {
	a := verifyMessage(t, "ada@example.com", "")
	b := verifyMessage(t, "ada@example.com", "")
	if a.MessageID == b.MessageID || !bytes.HasSuffix([]byte(a.MessageID), []byte("@example.com")) {
		t.Errorf("Message-IDs %q and %q", a.MessageID, b.MessageID)
	}
	if mail.RescueAfter <= mail.JobTimeout || mail.JobTimeout <= 2*mail.SMTPTimeout {
		t.Errorf("rescue after %v, job timeout %v, SMTP timeout %v: a send at work could be retried beside itself",
			mail.RescueAfter, mail.JobTimeout, mail.SMTPTimeout)
	}
}

// The outbox keeps the header lines SMTP would send: From, the Message-ID
// fixed at queue time and the message's own, such as List-Unsubscribe.
func TestOutboxKeepsHeaders(t *testing.T) {
	t.Parallel()
	d := apptest.DB(t)
	e := verifyMessage(t, "ada@example.com", "")
	e.Headers = map[string]string{"List-Unsubscribe": "<https://cc.example/u>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
	if err := (mail.OutboxSender{DB: d.Bun}).Send(t.Context(), e); err != nil {
		t.Fatal(err)
	}
	got, err := models.DevMails(t.Context(), d.Bun, 1)
	if err != nil || len(got) != 1 {
		t.Fatalf("DevMails: %v, %v", got, err)
	}
	want := map[string]string{"From": "CareerCenter <noreply@example.com>", "Message-ID": "<" + e.MessageID + ">",
		"List-Unsubscribe": "<https://cc.example/u>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
	if !maps.Equal(got[0].Headers, want) {
		t.Errorf("headers = %v, want %v", got[0].Headers, want)
	}
	if got[0].Text == "" || got[0].HTML == "" {
		t.Error("a part is missing")
	}
}
