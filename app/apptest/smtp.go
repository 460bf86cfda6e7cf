package apptest

import (
	"io"
	"net"
	"sync"
	"testing"

	"github.com/emersion/go-smtp"
)

// SMTPServer is an in-test SMTP server. It refuses the first Refuse messages
// with a temporary error (451 4.3.0) and keeps the rest with their envelope
// recipients. It implements smtp.Backend.
type SMTPServer struct {
	Refuse int // messages still to refuse; guarded by the server once started

	mu       sync.Mutex
	messages []SMTPMessage
}

// SMTPMessage is a message the server kept.
type SMTPMessage struct {
	To  []string // envelope recipients
	Raw []byte
}

// StartSMTP serves an SMTPServer on a free loopback port until the test ends
// and returns it with its host:port.
func StartSMTP(t testing.TB, refuse int) (*SMTPServer, string) {
	t.Helper()
	s := &SMTPServer{Refuse: refuse}
	srv := smtp.NewServer(s)
	srv.Domain = "localhost"
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return s, ln.Addr().String()
}

// Received returns the messages kept so far.
func (s *SMTPServer) Received() []SMTPMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]SMTPMessage(nil), s.messages...)
}

// NewSession implements smtp.Backend.
func (s *SMTPServer) NewSession(*smtp.Conn) (smtp.Session, error) { return &smtpSession{srv: s}, nil }

type smtpSession struct {
	srv *SMTPServer
	to  []string // recipients of the message under way
}

func (c *smtpSession) Reset()                               { c.to = nil }
func (c *smtpSession) Logout() error                        { return nil }
func (c *smtpSession) Mail(string, *smtp.MailOptions) error { return nil }
func (c *smtpSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	c.to = append(c.to, to)
	return nil
}

func (c *smtpSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	c.srv.mu.Lock()
	defer c.srv.mu.Unlock()
	if c.srv.Refuse > 0 {
		c.srv.Refuse--
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}
	}
	c.srv.messages = append(c.srv.messages, SMTPMessage{To: append([]string(nil), c.to...), Raw: b})
	return nil
}
