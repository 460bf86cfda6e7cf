package app

import (
	"context"
	"database/sql/driver"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// oneTripConnector hands out database/sql connections whose queries without
// arguments go over PostgreSQL's simple protocol. Bun writes its arguments
// into the SQL text, so most of its statements are new texts (an id, a
// timestamp); pgx would prepare each one (a round trip of its own) and keep
// it in a per-connection cache it then churns. Statements with $n arguments
// are still prepared once per connection and reused.
type oneTripConnector struct{ driver.Connector }

func (c oneTripConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	if sc, ok := conn.(*stdlib.Conn); ok {
		return oneTripConn{sc}, nil
	}
	return conn, nil
}

type oneTripConn struct{ *stdlib.Conn }

func (c oneTripConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	if len(args) == 0 {
		args = []driver.NamedValue{{Ordinal: 1, Value: pgx.QueryExecModeSimpleProtocol}}
	}
	return c.Conn.QueryContext(ctx, query, args)
}
