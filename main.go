// Command careercenter is the whole job board in one binary: the web server,
// the background workers and the admin commands. Run `careercenter help`.
package main

import (
	"os"

	"careercenter/app"
)

func main() {
	os.Exit(app.Main(os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr))
}
