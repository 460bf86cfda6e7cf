package apptest

import (
	"errors"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/emersion/go-smtp"
)

// SMTPServer is an in-test SMTP server. It refuses the first Refuse messages
// with a temporary error (451 4.3.0) and keeps the rest with their envelope
// recipients. It implements smtp.Backend.
//
// Like a real mail server it keeps a message once the end of its DATA has
// arrived, before it answers; DropAfterAccept and DropBeforeReply then cut
// the connection to show what a sender does with a dropped line.
type SMTPServer struct {
	Refuse int // messages still to refuse; guarded by the server once started
	// DropAfterAccept: messages still to keep, answer 250 and then drop the
	// connection at once (the client's RSET or QUIT fails).
	DropAfterAccept int
	// DropBeforeReply: messages still to keep and then drop the connection
	// without answering, as a process killed inside its DATA exchange leaves
	// it. The sender cannot know the message arrived.
	DropBeforeReply int

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
	go func() { _ = srv.Serve(dropListener{ln}) }()
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
func (s *SMTPServer) NewSession(c *smtp.Conn) (smtp.Session, error) {
	conn, _ := c.Conn().(*dropConn)
	return &smtpSession{srv: s, conn: conn}, nil
}

type smtpSession struct {
	srv  *SMTPServer
	conn *dropConn
	to   []string // recipients of the message under way
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
	switch {
	case c.srv.DropBeforeReply > 0 && c.conn != nil:
		c.srv.DropBeforeReply--
		_ = c.conn.Close()
		return errors.New("connection dropped")
	case c.srv.DropAfterAccept > 0 && c.conn != nil:
		c.srv.DropAfterAccept--
		c.conn.dropAfterWrite.Store(true) // the next write is the 250
	}
	return nil
}

// dropListener hands out connections the server can drop after a reply.
type dropListener struct{ net.Listener }

func (l dropListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &dropConn{Conn: c}, nil
}

// dropConn closes itself after the first write once dropAfterWrite is set.
type dropConn struct {
	net.Conn
	dropAfterWrite atomic.Bool
}

func (c *dropConn) Write(b []byte) (int, error) {
	n, err := c.Conn.Write(b)
	if c.dropAfterWrite.Load() {
		_ = c.Conn.Close()
	}
	return n, err
}
