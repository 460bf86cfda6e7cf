package models

import (
	"fmt"
	"strings"
)

// OrderWhat names what an order bought, the same on the billing pages and in
// the buyer's emails: "Featured posting", "Pro, monthly".
func OrderWhat(kind, plan string) string {
	switch kind {
	case OrderPosting:
		if plan == PlanFeatured {
			return "Featured posting"
		}
		return "Standard posting"
	case OrderRenewal:
		return "Renewal, 30 days"
	case OrderUpgrade:
		return "Upgrade to featured"
	case OrderPro:
		return "Pro, monthly"
	}
	return kind
}

// PriceText shows cents as money with cents: "$149.00", "$1,490.50"; other
// currencies by their code: "149.00 EUR".
func PriceText(cents int64, currency string) string {
	s := Dollars(int(cents/100)) + fmt.Sprintf(".%02d", cents%100)
	if currency == "" || strings.EqualFold(currency, "usd") {
		return s
	}
	return strings.TrimPrefix(s, "$") + " " + strings.ToUpper(currency)
}
