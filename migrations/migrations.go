// Package migrations embeds the ordered SQL files that are the only source of the schema.
package migrations

import "embed"

// FS holds the *.up.sql and *.down.sql files.
//
//go:embed *.sql
var FS embed.FS
