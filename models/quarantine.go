package models

// Quarantined reports a job hidden from the board (by readers' reports
// pending review, or by a ban): its page warns readers, is not indexed and
// takes no applications until an admin unhides it.
func (j *Job) Quarantined() bool { return !j.HiddenAt.IsZero() }

// QuarantineNotice is what readers of a quarantined job read, on its page
// and instead of the apply form.
const QuarantineNotice = "This job is under review. It was reported or its poster is being checked, " +
	"so it is off the job board and takes no applications until we finish. Do not send money, " +
	"your date of birth or bank details to anyone about this job."
