package handlers

import (
	"html/template"
	"strings"
	"time"

	"careercenter/models"
)

// renderMarkdown is models.RenderMarkdown for templates: sanitized HTML.
func renderMarkdown(src string) template.HTML {
	return template.HTML(models.RenderMarkdown(src)) // #nosec: sanitized by models.RenderMarkdown
}

// credentialsSentence says required groups the way people read them:
// [["RHIT"],["CCS","CIC"]] → "RHIT and (CCS or CIC)".
func credentialsSentence(groups [][]string) string {
	parts := make([]string, 0, len(groups))
	for _, g := range groups {
		switch len(g) {
		case 0:
			continue
		case 1:
			parts = append(parts, g[0])
		default:
			alt := strings.Join(g, " or ")
			if len(groups) > 1 {
				alt = "(" + alt + ")"
			}
			parts = append(parts, alt)
		}
	}
	return strings.Join(parts, " and ")
}

func jobFuncs() template.FuncMap {
	label := func(terms []models.Term) func(string) string {
		return func(v string) string { return models.TermLabel(terms, v) }
	}
	labels := func(terms []models.Term) func([]string) string {
		return func(vs []string) string {
			out := make([]string, len(vs))
			for i, v := range vs {
				out[i] = models.TermLabel(terms, v)
			}
			return strings.Join(out, ", ")
		}
	}
	return template.FuncMap{
		"markdown":       renderMarkdown,
		"credentials":    credentialsSentence,
		"salary":         models.SalaryText,
		"workMode":       label(models.WorkModes),
		"employmentType": label(models.EmploymentTypes),
		"setting":        label(models.Settings),
		"settings":       labels(models.Settings),
		"specialties":    labels(models.Specialties),
		"codeSet":        label(models.CodeSystems),
		"codeSets":       labels(models.CodeSystems),
		"stateName":      label(models.States),
		"stateNames":     labels(models.States),
		"day":            models.DayText, // the one date format: see models/dates.go
		"contains":       func(list []string, v string) bool { return contains(list, v) },
		"vocab":          vocabulary,
		"plural":         func(n int, one, many string) string { return pluralize(n, one, many) },
		"daysLeft":       func(t time.Time) int { return int(time.Until(t).Hours()/24 + 0.999) },
		"jobStatusLabel": jobStatusLabel,
		"companyKindText": func(k string) string {
			return map[string]string{"agency": "Staffing agency", "employer": "Direct employer"}[k]
		},
	}
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func pluralize(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// vocabulary gives templates the term lists by name, for form options and filters.
func vocabulary(name string) []models.Term {
	return map[string][]models.Term{
		"work_mode": models.WorkModes, "employment_type": models.EmploymentTypes,
		"setting": models.Settings, "specialty": models.Specialties, "code_set": models.CodeSystems,
		"credential": models.Credentials, "state": models.States, "salary_period": models.SalaryPeriods,
		"apply_method": models.ApplyMethods, "plan": models.JobPlans,
	}[name]
}

func jobStatusLabel(s string) string {
	return map[string]string{
		models.JobDraft: "Draft", models.JobPendingPayment: "Awaiting payment",
		models.JobPendingReview: "In review", models.JobActive: "Live", models.JobExpired: "Expired",
		models.JobFilled: "Filled", models.JobRejected: "Rejected", models.JobWithdrawn: "Withdrawn",
		models.JobRemoved: "Removed",
	}[s]
}
