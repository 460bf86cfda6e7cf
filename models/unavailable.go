package models

import (
	"database/sql/driver"
	"errors"
	"net"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

// IsUnavailable reports an error that says PostgreSQL cannot be reached or
// is not taking work right now (down, restarting, out of connections), as
// opposed to a fault in a query: the site answers 503 and asks to come back.
func IsUnavailable(err error) bool {
	var connect *pgconn.ConnectError
	var op *net.OpError
	var pg *pgconn.PgError
	switch {
	case err == nil:
		return false
	case errors.As(err, &connect), errors.As(err, &op), errors.Is(err, driver.ErrBadConn):
		return true
	case errors.As(err, &pg):
		// Class 08: connection exception; 57P01-03: shutting down or
		// starting up; 53300: too many connections.
		return strings.HasPrefix(pg.Code, "08") || pg.Code == "57P01" || pg.Code == "57P02" ||
			pg.Code == "57P03" || pg.Code == "53300"
	}
	return false
}
