package models

// Prices are the server's prices in cents, read once from config; nothing a
// form sends sets an amount.
type Prices struct {
	Currency string
	Standard int64 // a 30-day posting
	Featured int64 // a 30-day featured posting
	Renewal  int64 // 30 more days for a live posting
	Upgrade  int64 // standard → featured for the rest of a posting
	Pro      int64 // Pro, per month
}
