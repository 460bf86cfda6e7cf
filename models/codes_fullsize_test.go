package models_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"careercenter/app"
	"careercenter/app/apptest"
	"careercenter/models"
	"careercenter/models/demo"
)

// The full-size code sets: a synthetic set as large as the real ones, with
// codes in each system's real layout and descriptors made of medical words,
// so the benchmarks see real sizes without licensed text.
var fullSize = map[string]int{"icd-10-cm": 74_000, "icd-10-pcs": 79_000, "cpt": 11_000, "hcpcs": 8_000}

var (
	fsConditions = strings.Fields("fracture dislocation sprain laceration contusion abscess cellulitis infection neoplasm carcinoma " +
		"lymphoma cyst ulcer hemorrhage stenosis occlusion aneurysm embolism thrombosis inflammation arthritis osteoarthritis " +
		"tendinitis bursitis neuropathy myopathy disorder deformity hernia obstruction calculus insufficiency failure disease " +
		"diabetes hypertension pneumonia bronchitis asthma anemia sepsis dermatitis burn corrosion poisoning")
	fsSites = strings.Fields("femur tibia fibula humerus radius ulna clavicle scapula pelvis vertebra skull mandible maxilla " +
		"knee hip shoulder elbow wrist ankle hand foot finger toe heart aorta artery vein lung bronchus trachea kidney ureter " +
		"bladder liver pancreas gallbladder stomach esophagus colon rectum appendix spleen thyroid breast skin eye ear brain")
	fsQualifiers = []string{"unspecified", "right", "left", "bilateral", "initial encounter", "subsequent encounter", "sequela",
		"acute", "chronic", "with complication", "without complication", "displaced", "nondisplaced", "open", "closed",
		"stage 1", "stage 2", "stage 3", "stage 4", "recurrent", "primary", "secondary", "of unspecified site"}
	fsOperations = strings.Fields("Resection Excision Drainage Bypass Dilation Replacement Insertion Removal Repair Reposition " +
		"Inspection Extraction Destruction Division Release Occlusion Restriction Supplement Transfer Fusion Alteration")
	fsApproaches = []string{"Open Approach", "Percutaneous Approach", "Percutaneous Endoscopic Approach",
		"Via Natural or Artificial Opening", "Via Natural or Artificial Opening Endoscopic", "External Approach"}
	fsProcedures = []string{"excision of lesion", "repair of laceration", "arthroscopy", "arthroplasty", "biopsy", "endoscopy",
		"catheter placement", "injection", "imaging study", "ultrasound examination", "laboratory assay", "panel",
		"therapy session", "evaluation", "transplantation", "amputation", "open treatment of fracture",
		"closed treatment of fracture", "incision and drainage", "anesthesia for procedure"}
	fsSupplies = []string{"Injection", "Infusion", "Dressing", "Catheter", "Wheelchair accessory", "Orthosis", "Prosthesis",
		"Walker", "Oxygen equipment", "Glucose monitor supply", "Ambulance service", "Enteral formula", "Lens", "Hearing aid"}
	fsDrugs = strings.Fields("dexamethasone ketorolac ceftriaxone methylprednisolone ondansetron insulin heparin epinephrine " +
		"morphine vancomycin adalimumab pembrolizumab rituximab triamcinolone testosterone")
	pcsChars = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"
)

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// fullSizeCodes generates n codes of system: code, descriptor and related
// codes (a fifth of the codes name one to three neighbours), the same every
// run.
func fullSizeCodes(system string, n int) [][3]string {
	r := rand.New(rand.NewPCG(uint64(len(system)), uint64(n)))
	seen := map[string]bool{}
	var out [][3]string
	add := func(code, desc string) {
		if !seen[code] {
			seen[code] = true
			out = append(out, [3]string{code, desc, ""})
		}
	}
	for len(out) < n {
		switch system {
		case "icd-10-cm":
			letter := string(rune('A' + r.IntN(26)))
			if letter == "U" {
				continue
			}
			cat := fmt.Sprintf("%s%02d", letter, r.IntN(100))
			cond := pick(r, fsConditions)
			if letter == "E" && r.IntN(4) == 0 {
				cond = "type 2 diabetes mellitus with"
			}
			base := strings.ToUpper(cond[:1]) + cond[1:] + " of " + pick(r, fsSites)
			add(cat, base)
			sub := cat + "." + string(pcsChars[r.IntN(10)])
			for d := 0; d < 1+r.IntN(4) && len(out) < n; d++ {
				add(sub, base+", "+pick(r, fsQualifiers))
				sub += string(pcsChars[r.IntN(10)])
				if len(sub) == 7 && (letter == "S" || letter == "T") {
					add(sub+pick(r, []string{"A", "D", "S"}), base+", "+pick(r, fsQualifiers)+", "+pick(r, fsQualifiers))
					break
				}
			}
		case "icd-10-pcs":
			code := pick(r, []string{"0", "0", "0", "0", "0", "0", "0", "3", "B", "B", "D", "F", "X", "1", "2", "4", "5", "6", "7", "8", "9", "C", "G", "H"})
			for range 6 {
				code += string(pcsChars[r.IntN(len(pcsChars))])
			}
			add(code, pick(r, fsOperations)+" of "+pick(r, fsSites)+", "+pick(r, fsApproaches))
		case "cpt":
			var code string
			switch k := r.IntN(100); {
			case k < 5:
				code = fmt.Sprintf("%04dF", 1+r.IntN(9999))
			case k < 8:
				code = fmt.Sprintf("%04dT", 1+r.IntN(999))
			case k < 10:
				code = fmt.Sprintf("%04dU", 1+r.IntN(999))
			default:
				code = fmt.Sprintf("%05d", 100+r.IntN(99500))
			}
			p := pick(r, fsProcedures)
			desc := strings.ToUpper(p[:1]) + p[1:] + ", " + pick(r, fsSites) + ", " + pick(r, fsQualifiers)
			add(code, desc)
		case "hcpcs":
			letter := pick(r, []string{"A", "B", "C", "E", "G", "H", "J", "K", "L", "M", "P", "Q", "R", "S", "T", "V"})
			code := fmt.Sprintf("%s%04d", letter, r.IntN(10000))
			desc := pick(r, fsSupplies) + ", " + pick(r, fsDrugs) + ", per " + fmt.Sprint(1+r.IntN(500)) + " mg"
			add(code, desc)
		}
	}
	for i := range out {
		if r.IntN(5) == 0 {
			var rel []string
			for range 1 + r.IntN(3) {
				j := max(0, min(len(out)-1, i+r.IntN(21)-10))
				if j != i {
					rel = append(rel, out[j][0])
				}
			}
			out[i][2] = strings.Join(rel, ";")
		}
	}
	return out
}

// writeFullSizeCodes writes one import file per system into dir, in the
// layout `careercenter codes import` reads.
func writeFullSizeCodes(dir string) (map[string]string, error) {
	files := map[string]string{}
	for system, n := range fullSize {
		path := filepath.Join(dir, "codes-"+system+".csv")
		f, err := os.Create(path)
		if err != nil {
			return nil, err
		}
		w := csv.NewWriter(f)
		_ = w.Write([]string{"code", "descriptor", "related"})
		for _, c := range fullSizeCodes(system, n) {
			_ = w.Write(c[:])
		}
		w.Flush()
		if err := w.Error(); err != nil {
			f.Close()
			return nil, err
		}
		if err := f.Close(); err != nil {
			return nil, err
		}
		files[system] = path
	}
	return files, nil
}

// TestWriteFullSizeCodes writes the full-size import files into
// $FULLSIZE_CODES_DIR, to time the import command itself: one per code set
// and ncci-ptp.csv, a million NCCI procedure-to-procedure pairs.
func TestWriteFullSizeCodes(t *testing.T) {
	dir := os.Getenv("FULLSIZE_CODES_DIR")
	if dir == "" {
		t.Skip("set FULLSIZE_CODES_DIR to write the full-size code files")
	}
	files, err := writeFullSizeCodes(dir)
	if err != nil {
		t.Fatal(err)
	}
	files["ncci-ptp"] = filepath.Join(dir, "ncci-ptp.csv")
	if err := writeFullSizeNCCI(files["ncci-ptp"], fullSizeNCCIPairs); err != nil {
		t.Fatal(err)
	}
	t.Log(files)
}

// fullSizeQueries are what people type into /codes: numbers, prefixes,
// words, words with typos, and a code set chosen.
var fullSizeQueries = []models.CodeQuery{
	{Text: "99213"}, {Text: "E11.9"}, {Text: "e119"}, {Text: "0DTJ4ZZ"}, {Text: "J1100"},
	{Text: "E11"}, {Text: "992"}, {Text: "0DT"}, {Text: "S72"}, {Text: "2069"},
	{Text: "diabetes"}, {Text: "fracture of femur"}, {Text: "office visit established low"}, {Text: "injection"},
	{Text: "resection appendix open approach"}, {Text: "chronic kidney disease"}, {Text: "external fixation strut"},
	{Text: "diabtes"}, {Text: "fracure femur"}, {Text: "ofice visit establshed low"}, {Text: "pnemonia"},
	{Text: "resecton apendix"}, {Text: "hypertenson"}, {Text: "fixaton strut"},
	{Text: "fracture", System: "icd-10-cm"}, {Text: "knee", System: "cpt"}, {Text: "wheelchair", System: "hcpcs"},
}

// BenchmarkCodeSearchFullSize imports the full-size code sets (plus the
// sample, so the real codes of the queries exist), then times every query
// of fullSizeQueries many times and prints the import time, the search
// percentiles and the sitemap's shape. Run with -bench CodeSearchFullSize
// -benchtime 1x; the import takes about a minute. With
// $FULLSIZE_DATABASE_URL it searches that database as it is instead (one
// filled with the files of TestWriteFullSizeCodes and the sample).
func BenchmarkCodeSearchFullSize(b *testing.B) {
	ctx := context.Background()
	db := fullSizeDB(b)

	b.ResetTimer()
	var all []time.Duration
	// Each query's fastest call is its cost on a quiet machine; its slowest
	// shows what the machine's load added.
	fastest, worst := make([]time.Duration, len(fullSizeQueries)), make([]time.Duration, len(fullSizeQueries))
	for range b.N {
		for range 20 {
			for i, q := range fullSizeQueries {
				t0 := time.Now()
				if _, err := models.SearchCodes(ctx, db, q); err != nil {
					b.Fatal(err)
				}
				all = append(all, time.Since(t0))
				took := all[len(all)-1]
				worst[i] = max(worst[i], took)
				if fastest[i] == 0 || took < fastest[i] {
					fastest[i] = took
				}
			}
		}
	}
	b.StopTimer()
	slices.Sort(all)
	pct := func(p float64) time.Duration { return all[min(len(all)-1, int(float64(len(all))*p))] }
	fmt.Printf("search: %d calls, p50 %v, p90 %v, p99 %v, max %v\n", len(all), pct(0.50), pct(0.90), pct(0.99), all[len(all)-1])
	b.ReportMetric(float64(pct(0.99).Microseconds())/1000, "p99-ms")

	// Per query, the fastest and slowest of its calls, to find the ones
	// that set p99.
	var quiet time.Duration
	for i, q := range fullSizeQueries {
		hits, _ := models.SearchCodes(ctx, db, q)
		quiet += fastest[i]
		fmt.Printf("  %-40q %2d hits, fastest %v, worst %v\n", q.Text+" "+q.System, len(hits),
			fastest[i].Round(10*time.Microsecond), worst[i].Round(10*time.Microsecond))
	}
	fmt.Printf("sum of the fastest calls: %v\n", quiet.Round(10*time.Microsecond))

	n, err := models.SitemapCount(ctx, db, time.Now())
	if err != nil {
		b.Fatal(err)
	}
	pages := (n + models.SitemapPageSize - 1) / models.SitemapPageSize
	listed := 0
	for p := 1; p <= pages; p++ {
		t0 := time.Now()
		urls, err := models.SitemapURLs(ctx, db, time.Now(), p)
		if err != nil || len(urls) > models.SitemapPageSize {
			b.Fatalf("sitemap page %d: %d URLs, %v", p, len(urls), err)
		}
		listed += len(urls)
		fmt.Printf("sitemap page %d: %d URLs in %v\n", p, len(urls), time.Since(t0).Round(time.Millisecond))
	}
	if listed != n {
		b.Fatalf("sitemap pages list %d URLs, count says %d", listed, n)
	}
}

// fullSizeDB is $FULLSIZE_DATABASE_URL's database, or a new one with the
// full-size code sets and the sample imported (the import timed).
func fullSizeDB(b *testing.B) *bun.DB {
	ctx := context.Background()
	if u := os.Getenv("FULLSIZE_DATABASE_URL"); u != "" {
		d, err := app.OpenDB(ctx, u, 4)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(d.Close)
		return d.Bun
	}
	d := apptest.DB(b)
	files, err := writeFullSizeCodes(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	total := 0
	for _, s := range models.CodeSystems {
		f, err := os.Open(files[s.Value])
		if err != nil {
			b.Fatal(err)
		}
		t0 := time.Now()
		rep, err := models.ImportCodes(ctx, d.Bun, s.Value, f, nil)
		f.Close()
		if err != nil || len(rep.Problems) > 0 {
			b.Fatalf("%s: %v %v", s.Value, err, rep.Problems[:min(3, len(rep.Problems))])
		}
		total += rep.Added
		fmt.Printf("import %-10s %6d codes in %v\n", s.Value, rep.Added, time.Since(t0).Round(time.Millisecond))
	}
	fmt.Printf("import all       %6d codes in %v\n", total, time.Since(start).Round(time.Millisecond))
	if err := demo.SeedSampleCodes(ctx, d.Bun); err != nil {
		b.Fatal(err)
	}
	for _, table := range []string{"codes", "code_words"} {
		if _, err := d.Bun.ExecContext(ctx, `VACUUM ANALYZE `+table); err != nil {
			b.Fatal(err)
		}
	}
	return d.Bun
}
