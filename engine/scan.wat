;; The automaton pass of engine/automaton.ts `Scanner.scan`, in WebAssembly.
;;
;; Why: a content script runs once per page, so its JavaScript never gets warm; the
;; per-character loop runs in V8's interpreter and baseline tiers (about 20 ns per
;; character cold). WebAssembly is compiled before it runs. The page's strings are read
;; with the JS String Builtins (`wasm:js-string` charCodeAt), so no text is copied.
;;
;; The tables live in the imported memory at offsets set by `init`; engine/scan-wasm.ts
;; lays them out. It must stay equivalent to `Scanner.scan` in JavaScript, which is the
;; fallback (and the reference the unit tests compare it with).
;;
;; Compiled by `npm run gen:wasm` into engine/generated/scan-wasm.ts (committed).
(module
  (import "wasm:js-string" "charCodeAt" (func $charCodeAt (param externref i32) (result i32)))
  (import "env" "memory" (memory 1))

  ;; Byte offsets of the tables in memory.
  (global $cls (mut i32) (i32.const 0))        ;; u16 per code unit: class id, 0 = none
  (global $flags (mut i32) (i32.const 0))      ;; u8 per code unit: engine/chars.ts flags
  (global $root (mut i32) (i32.const 0))       ;; u32 per class: root transition
  (global $denseRow (mut i32) (i32.const 0))   ;; i32 per shallow state: dense row or -1
  (global $denseRowLen (mut i32) (i32.const 0))
  (global $dense (mut i32) (i32.const 0))      ;; u32 rows over classes 0..latin
  (global $edgeStart (mut i32) (i32.const 0))  ;; u32 per state + 1
  (global $edgeClass (mut i32) (i32.const 0))  ;; u16 per edge
  (global $edgeTarget (mut i32) (i32.const 0)) ;; u32 per edge
  (global $fail (mut i32) (i32.const 0))       ;; u32 per state
  (global $outGroup (mut i32) (i32.const 0))   ;; i32 per state
  (global $dictLink (mut i32) (i32.const 0))   ;; u32 per state
  (global $outCount (mut i32) (i32.const 0))   ;; u8 per state: occurrences ending there
  (global $groupLength (mut i32) (i32.const 0)) ;; u16 per group: its pattern's length in folded characters
  (global $ring (mut i32) (i32.const 0))       ;; i32 × 1024: offsets of the last characters read
  (global $count (mut i32) (i32.const 0))      ;; characters read into the ring so far (kept across resumed scans)
  (global $out (mut i32) (i32.const 0))        ;; i32 triples (group, end, start)
  (global $outLimit (mut i32) (i32.const 0))   ;; triples after which a character may not fit
  (global $latin (mut i32) (i32.const 0))
  (global $space (mut i32) (i32.const 0))      ;; class of " ", or 0

  ;; Where a scan stopped because the output buffer was full (-1: it finished).
  (global $resume (export "resume") (mut i32) (i32.const -1))
  (global $state (export "state") (mut i32) (i32.const 0))
  (global $prevSpace (export "prevSpace") (mut i32) (i32.const 0))

  (func (export "init")
    (param $cls i32) (param $flags i32) (param $root i32) (param $denseRow i32) (param $denseRowLen i32)
    (param $dense i32) (param $edgeStart i32) (param $edgeClass i32) (param $edgeTarget i32) (param $fail i32)
    (param $outGroup i32) (param $dictLink i32) (param $outCount i32) (param $out i32)
    (param $latin i32) (param $space i32) (param $groupLength i32) (param $ring i32)
    (global.set $cls (local.get $cls))
    (global.set $flags (local.get $flags))
    (global.set $root (local.get $root))
    (global.set $denseRow (local.get $denseRow))
    (global.set $denseRowLen (local.get $denseRowLen))
    (global.set $dense (local.get $dense))
    (global.set $edgeStart (local.get $edgeStart))
    (global.set $edgeClass (local.get $edgeClass))
    (global.set $edgeTarget (local.get $edgeTarget))
    (global.set $fail (local.get $fail))
    (global.set $outGroup (local.get $outGroup))
    (global.set $dictLink (local.get $dictLink))
    (global.set $outCount (local.get $outCount))
    (global.set $out (local.get $out))
    (global.set $latin (local.get $latin))
    (global.set $space (local.get $space))
    (global.set $groupLength (local.get $groupLength))
    (global.set $ring (local.get $ring)))

  ;; Derives what the stored automaton leaves out (as engine/automaton.ts
  ;; `expandAutomaton` does in JavaScript, with the same checks): edge starts from the
  ;; child counts, edge targets (e + 1), the output group of each group's final state, and
  ;; dictionary links from the failure links. The stored arrays are in place (init);
  ;; the child counts (u16) wait in the dictionary-link table and the groups' final states
  ;; (u32) in the edge-target table, each read before the table is written. The caller
  ;; has checked the counts (edges = states - 1, groups <= edges). Returns 0, or the
  ;; number of the first failed check with the index it failed at in $at.
  (global $at (export "at") (mut i32) (i32.const 0))
  (func (export "expand") (param $states i32) (param $groups i32) (param $alphabetLen i32) (param $denseLen i32) (result i32)
    (local $i i32) (local $e i32) (local $v i32) (local $f i32) (local $width i32) (local $edges i32)
    (local.set $edges (i32.sub (local.get $states) (i32.const 1)))
    ;; 1: every dense row starts at a multiple of the row width and fits the table.
    (local.set $width (i32.add (global.get $latin) (i32.const 1)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (global.get $denseRowLen)))
        (local.set $v (i32.load (i32.add (global.get $denseRow) (i32.shl (local.get $i) (i32.const 2)))))
        (if (i32.ne (local.get $v) (i32.const -1))
          (then
            (if (i32.or
                  (i32.or (i32.lt_s (local.get $v) (i32.const 0)) (i32.rem_u (local.get $v) (local.get $width)))
                  (i64.gt_u (i64.add (i64.extend_i32_u (local.get $v)) (i64.extend_i32_u (local.get $width))) (i64.extend_i32_u (local.get $denseLen))))
              (then (global.set $at (local.get $i)) (return (i32.const 1))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each)))
    ;; 2: every dense transition leads to a state.
    (local.set $i (i32.const 0))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $denseLen)))
        (if (i32.ge_u (i32.load (i32.add (global.get $dense) (i32.shl (local.get $i) (i32.const 2)))) (local.get $states))
          (then (global.set $at (local.get $i)) (return (i32.const 2))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each)))
    ;; 3: edge starts, from the child counts; they must add up to the edges.
    (local.set $i (i32.const 0))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $states)))
        (local.set $v (i32.load16_u (i32.add (global.get $dictLink) (i32.shl (local.get $i) (i32.const 1)))))
        (i32.store (i32.add (global.get $edgeStart) (i32.shl (local.get $i) (i32.const 2))) (local.get $e))
        (local.set $e (i32.add (local.get $e) (local.get $v)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each)))
    (i32.store (i32.add (global.get $edgeStart) (i32.shl (local.get $states) (i32.const 2))) (local.get $e))
    (if (i32.ne (local.get $e) (local.get $edges)) (then (global.set $at (local.get $e)) (return (i32.const 3))))
    ;; 5: output groups, each at a final state of its own (read before edge targets are written).
    (local.set $i (i32.const 0))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $states)))
        (i32.store (i32.add (global.get $outGroup) (i32.shl (local.get $i) (i32.const 2))) (i32.const -1))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each)))
    (local.set $i (i32.const 0))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $groups)))
        (local.set $v (i32.load (i32.add (global.get $edgeTarget) (i32.shl (local.get $i) (i32.const 2)))))
        (if (i32.or (i32.or (i32.eqz (local.get $v)) (i32.ge_u (local.get $v) (local.get $states)))
              (i32.ne (i32.load (i32.add (global.get $outGroup) (i32.shl (local.get $v) (i32.const 2)))) (i32.const -1)))
          (then (global.set $at (local.get $i)) (return (i32.const 5))))
        (i32.store (i32.add (global.get $outGroup) (i32.shl (local.get $v) (i32.const 2))) (local.get $i))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each)))
    ;; 4: edge targets (breadth-first numbering in edge order), and every class in the alphabet.
    (local.set $i (i32.const 0))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $edges)))
        (i32.store (i32.add (global.get $edgeTarget) (i32.shl (local.get $i) (i32.const 2))) (i32.add (local.get $i) (i32.const 1)))
        (local.set $v (i32.load16_u (i32.add (global.get $edgeClass) (i32.shl (local.get $i) (i32.const 1)))))
        (if (i32.or (i32.eqz (local.get $v)) (i32.gt_u (local.get $v) (local.get $alphabetLen)))
          (then (global.set $at (local.get $i)) (return (i32.const 4))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each)))
    ;; 6, 7: failure links point back (a link forward could make a scan loop forever);
    ;; dictionary links from them.
    (if (i32.load (global.get $fail)) (then (global.set $at (i32.const 0)) (return (i32.const 6))))
    (i32.store (global.get $dictLink) (i32.const 0))
    (local.set $i (i32.const 1))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $states)))
        (local.set $f (i32.load (i32.add (global.get $fail) (i32.shl (local.get $i) (i32.const 2)))))
        (if (i32.ge_u (local.get $f) (local.get $i)) (then (global.set $at (local.get $i)) (return (i32.const 7))))
        (i32.store (i32.add (global.get $dictLink) (i32.shl (local.get $i) (i32.const 2)))
          (select
            (local.get $f)
            (i32.load (i32.add (global.get $dictLink) (i32.shl (local.get $f) (i32.const 2))))
            (i32.ge_s (i32.load (i32.add (global.get $outGroup) (i32.shl (local.get $f) (i32.const 2)))) (i32.const 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each)))
    (i32.const 0))

  ;; Builds the per-tab tables the compiled data does not carry (as the JavaScript
  ;; Scanner constructor does): the class of every code unit (through the fold table at
  ;; $fold, which may be the class table itself: each entry is read before it is
  ;; written; with a zeroed scratch area of 128 KiB at $byFolded), the root transitions,
  ;; and per state the number of occurrences ending there (saturating at 255).
  ;; Returns the largest such number, the most output one character can produce, and
  ;; sets the output limit from it and the buffer's capacity in triples.
  (func (export "build") (param $alphabet externref) (param $alphabetLen i32) (param $fold i32) (param $byFolded i32) (param $states i32) (param $outTriples i32) (result i32)
    (local $i i32) (local $e i32) (local $end i32) (local $count i32) (local $link i32) (local $max i32)
    ;; byFolded[alphabet[i]] = i + 1
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $alphabetLen)))
        (i32.store16
          (i32.add (local.get $byFolded) (i32.shl (call $charCodeAt (local.get $alphabet) (local.get $i)) (i32.const 1)))
          (i32.add (local.get $i) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each)))
    ;; cls[c] = byFolded[fold[c]], and 0 for ignorable characters (flag 2): they must
    ;; never take part in a transition.
    (local.set $i (i32.const 0))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (i32.const 0x10000)))
        (i32.store16
          (i32.add (global.get $cls) (i32.shl (local.get $i) (i32.const 1)))
          (select
            (i32.const 0)
            (i32.load16_u (i32.add (local.get $byFolded) (i32.shl (i32.load16_u (i32.add (local.get $fold) (i32.shl (local.get $i) (i32.const 1)))) (i32.const 1))))
            (i32.and (i32.load8_u (i32.add (global.get $flags) (local.get $i))) (i32.const 2))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each)))
    ;; root[class] = target, from the root's edges.
    (local.set $e (i32.load (global.get $edgeStart)))
    (local.set $end (i32.load (i32.add (global.get $edgeStart) (i32.const 4))))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $e) (local.get $end)))
        (i32.store
          (i32.add (global.get $root) (i32.shl (i32.load16_u (i32.add (global.get $edgeClass) (i32.shl (local.get $e) (i32.const 1)))) (i32.const 2)))
          (i32.load (i32.add (global.get $edgeTarget) (i32.shl (local.get $e) (i32.const 2)))))
        (local.set $e (i32.add (local.get $e) (i32.const 1)))
        (br $each)))
    ;; outCount[s] = (outGroup[s] >= 0) + outCount[dictLink[s]]. States are numbered
    ;; breadth first and a dictionary link points to a shorter suffix, so dictLink[s] < s.
    (local.set $i (i32.const 1))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $states)))
        (local.set $count (i32.ge_s (i32.load (i32.add (global.get $outGroup) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 0)))
        (local.set $link (i32.load (i32.add (global.get $dictLink) (i32.shl (local.get $i) (i32.const 2)))))
        (if (local.get $link)
          (then (local.set $count (i32.add (local.get $count) (i32.load8_u (i32.add (global.get $outCount) (local.get $link)))))))
        (if (i32.gt_u (local.get $count) (i32.const 255)) (then (local.set $count (i32.const 255))))
        (i32.store8 (i32.add (global.get $outCount) (local.get $i)) (local.get $count))
        (if (i32.gt_u (local.get $count) (local.get $max)) (then (local.set $max (local.get $count))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each)))
    (global.set $outLimit (i32.sub (local.get $outTriples) (local.get $max)))
    (local.get $max))

  ;; Writes the occurrence of group $g ending at $end as the $n-th triple of the output.
  ;; Its start is where its first character was read: the ring holds the offsets of the
  ;; last 1,024 characters the automaton read ($count of them so far), and a pattern of
  ;; length L began L of them back (engine/automaton.ts `Scanner.startOf` finds the same
  ;; offset walking back over the text; engine/scan-wasm.ts refuses longer patterns).
  (func $emit (param $n i32) (param $g i32) (param $end i32) (param $count i32)
    (local $at i32)
    (local.set $at (i32.add (global.get $out) (i32.mul (local.get $n) (i32.const 12))))
    (i32.store (local.get $at) (local.get $g))
    (i32.store offset=4 (local.get $at) (local.get $end))
    (i32.store offset=8 (local.get $at)
      (i32.load (i32.add (global.get $ring)
        (i32.shl
          (i32.and
            (i32.sub (local.get $count) (i32.load16_u (i32.add (global.get $groupLength) (i32.shl (local.get $g) (i32.const 1)))))
            (i32.const 1023))
          (i32.const 2))))))

  ;; Scans text[i, to) from automaton state $s (and whether the last counted character
  ;; was a space), writing (group, end, start) triples at $out. Returns the number of
  ;; triples. When the buffer fills up it stops before a character and sets
  ;; resume/state/prevSpace.
  (func (export "scan") (param $text externref) (param $i i32) (param $to i32) (param $s i32) (param $prev i32) (result i32)
    (local $n i32) (local $ch i32) (local $c i32) (local $row i32) (local $e i32) (local $end i32)
    (local $t i32) (local $ec i32) (local $o i32) (local $g i32) (local $count i32)
    (global.set $resume (i32.const -1))
    (local.set $count (global.get $count))
    (block $done
      (loop $chars
        (br_if $done (i32.ge_u (local.get $i) (local.get $to)))
        (if (i32.gt_u (local.get $n) (global.get $outLimit))
          (then
            (global.set $resume (local.get $i))
            (global.set $state (local.get $s))
            (global.set $prevSpace (local.get $prev))
            (br $done)))
        (local.set $ch (call $charCodeAt (local.get $text) (local.get $i)))
        ;; From here on $i is the end offset of the character.
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (local.set $c (i32.load16_u (i32.add (global.get $cls) (i32.shl (local.get $ch) (i32.const 1)))))
        (if (i32.eqz (local.get $c))
          (then
            ;; Ignorable characters are skipped; any other unknown character resets.
            (if (i32.eqz (i32.and (i32.load8_u (i32.add (global.get $flags) (local.get $ch))) (i32.const 2)))
              (then
                (local.set $s (i32.const 0))
                (local.set $prev (i32.const 0))))
            (br $chars)))
        ;; A run of spaces counts as one.
        (if (i32.eq (local.get $c) (global.get $space))
          (then
            (br_if $chars (local.get $prev))
            (local.set $prev (i32.const 1)))
          (else (local.set $prev (i32.const 0))))
        ;; A character the automaton reads: its offset goes in the ring.
        (i32.store
          (i32.add (global.get $ring) (i32.shl (i32.and (local.get $count) (i32.const 1023)) (i32.const 2)))
          (i32.sub (local.get $i) (i32.const 1)))
        (local.set $count (i32.add (local.get $count) (i32.const 1)))
        (local.set $row (i32.const -1))
        (if (i32.lt_u (local.get $s) (global.get $denseRowLen))
          (then (local.set $row (i32.load (i32.add (global.get $denseRow) (i32.shl (local.get $s) (i32.const 2)))))))
        (if (i32.and (i32.le_u (local.get $c) (global.get $latin)) (i32.ge_s (local.get $row) (i32.const 0)))
          (then
            (local.set $s (i32.load (i32.add (global.get $dense) (i32.shl (i32.add (local.get $row) (local.get $c)) (i32.const 2))))))
          (else
            (block $found
              (loop $follow
                (if (i32.eqz (local.get $s))
                  (then
                    (local.set $s (i32.load (i32.add (global.get $root) (i32.shl (local.get $c) (i32.const 2)))))
                    (br $found)))
                ;; Edges of a state are sorted by class.
                (local.set $t (i32.const 0))
                (local.set $e (i32.load (i32.add (global.get $edgeStart) (i32.shl (local.get $s) (i32.const 2)))))
                (local.set $end (i32.load (i32.add (global.get $edgeStart) (i32.shl (i32.add (local.get $s) (i32.const 1)) (i32.const 2)))))
                (block $edgesDone
                  (loop $edges
                    (br_if $edgesDone (i32.ge_u (local.get $e) (local.get $end)))
                    (local.set $ec (i32.load16_u (i32.add (global.get $edgeClass) (i32.shl (local.get $e) (i32.const 1)))))
                    (if (i32.ge_u (local.get $ec) (local.get $c))
                      (then
                        (if (i32.eq (local.get $ec) (local.get $c))
                          (then (local.set $t (i32.load (i32.add (global.get $edgeTarget) (i32.shl (local.get $e) (i32.const 2)))))))
                        (br $edgesDone)))
                    (local.set $e (i32.add (local.get $e) (i32.const 1)))
                    (br $edges)))
                (if (local.get $t)
                  (then
                    (local.set $s (local.get $t))
                    (br $found)))
                (local.set $s (i32.load (i32.add (global.get $fail) (i32.shl (local.get $s) (i32.const 2)))))
                (br $follow)))))
        (if (i32.load8_u (i32.add (global.get $outCount) (local.get $s)))
          (then
            (local.set $g (i32.load (i32.add (global.get $outGroup) (i32.shl (local.get $s) (i32.const 2)))))
            (if (i32.ge_s (local.get $g) (i32.const 0))
              (then
                (call $emit (local.get $n) (local.get $g) (local.get $i) (local.get $count))
                (local.set $n (i32.add (local.get $n) (i32.const 1)))))
            (local.set $o (i32.load (i32.add (global.get $dictLink) (i32.shl (local.get $s) (i32.const 2)))))
            (block $chainDone
              (loop $chain
                (br_if $chainDone (i32.eqz (local.get $o)))
                (call $emit (local.get $n)
                  (i32.load (i32.add (global.get $outGroup) (i32.shl (local.get $o) (i32.const 2)))) (local.get $i) (local.get $count))
                (local.set $n (i32.add (local.get $n) (i32.const 1)))
                (local.set $o (i32.load (i32.add (global.get $dictLink) (i32.shl (local.get $o) (i32.const 2)))))
                (br $chain)))))
        (br $chars)))
    (global.set $count (local.get $count))
    (local.get $n)))
