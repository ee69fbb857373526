//! The validator's word lists (DOMAIN.md §5). All lowercase; multi-word entries are matched word
//! by word. The public ones are data the UI may show as help.
//!
//! Each list is one string with its entries between `|`: as a `&[&str]`, every entry cost the
//! wasm eight more bytes of pointer and length, which compress poorly (some 1,500 entries).

/// A word list: its entries, each followed by `|`.
#[derive(Clone, Copy, Debug)]
pub struct Words(&'static str);

impl Words {
    /// The entries, in the list's order.
    pub fn iter(self) -> WordsIter {
        fn entry(e: &&'static str) -> bool {
            !e.is_empty()
        }
        self.0.split('|').filter(entry as fn(&&'static str) -> bool)
    }

    /// Whether `word` is one of the entries.
    pub fn contains(self, word: &str) -> bool {
        self.iter().any(|e| e == word)
    }
}

/// The entries of a [`Words`] list.
pub type WordsIter = std::iter::Filter<std::str::Split<'static, char>, fn(&&'static str) -> bool>;

impl IntoIterator for Words {
    type Item = &'static str;
    type IntoIter = WordsIter;

    fn into_iter(self) -> WordsIter {
        self.iter()
    }
}

/// Verbs whose result someone else can see (§5.2): DOMAIN.md's list, the everyday change verbs
/// engineers write in action lists, and phrasal verbs.
pub const OUTCOME_VERBS: Words = Words(
    "\
    add|remove|change|update|test|deploy|implement|configure|fix|write|create|enable|disable|\
    migrate|automate|document|set|set up|lower|raise|assign|replace|delete|build|schedule|run|\
    publish|rotate|tune|limit|cap|move|split|pin|unpin|backfill|block|require|alert|page|roll|\
    roll back|roll out|patch|upgrade|downgrade|reduce|increase|install|introduce|ship|release|\
    merge|rename|restrict|revoke|grant|encrypt|validate|verify|instrument|log|emit|expose|extend|\
    shorten|retire|decommission|deprecate|archive|purge|drop|allocate|provision|scale|shard|\
    partition|throttle|rate-limit|retry|gate|guard|wrap|refactor|rewrite|convert|standardize|\
    standardise|enforce|adopt|define|file|hire|reassign|transfer|revert|restore|back up|isolate|\
    separate|decouple|consolidate|deduplicate|bump|freeze|link|route|reroute|fail over|cut over|\
    switch|turn on|turn off|clean up|tag|label|attach|expire|shrink|resize|cache|index|prune|\
    capture|record|resolve|train|onboard|pre-stage|stage|pre-warm|prewarm|snapshot|inject|fence|\
    drain|alias|map|generate|compress|delay|debounce|batch|queue|sign|rekey|renew|escalate|\
    notify|email|send|open|close|hold|restart|reset|recover|modify|adjust|start|stop|post|\
    establish|give|provide|make|spread|use|plug|mask|tweak|rework|wire|tighten|loosen|sunset|\
    swap|hook|hook up|codify|containerize|containerise|backport|phase out|plumb|double|halve|\
    triple|flip|protect|share|color|colour|kick off|draft|book|host|do|apply|bound|clamp|trim|\
    cut|widen|narrow|lengthen|bake|land|roll forward|phase in|spin up|spin down|tear down|\
    shut down|shut off|switch on|switch off|swap out|rip out|pull out|take out|take down|\
    bring up|wire up|lock|lock down|unlock|unblock|uninstall|deprovision|dedupe|redact|scrub|\
    sanitize|sanitise|escape|normalize|normalise|reindex|rehash|rebalance|reshard|repartition|\
    compact|vacuum|defragment|evict|invalidate|flush|warm|preload|precompute|prefetch|memoize|\
    pool|multiplex|parallelize|parallelise|serialize|chunk|stream|paginate|time out|back off|\
    jitter|shed|redirect|proxy|terminate|kill|halt|pause|resume|suspend|quarantine|sandbox|\
    whitelist|allowlist|blocklist|denylist|deny|allow|permit|forbid|prevent|reject|refuse|accept|\
    approve|sign off|mandate|ban|cordon|taint|evacuate|replicate|mirror|sync up|upload|download|\
    import|export|load|reload|refresh|regenerate|recreate|rebuild|redeploy|reinstall|reconfigure|\
    repoint|point|bind|unbind|register|deregister|subscribe|unsubscribe|connect|disconnect|\
    detach|mount|unmount|format|encode|decode|hash|salt|expand|grow|append|prepend|insert|embed|\
    inline|extract|factor out|pull|push|promote|demote|elect|vendor|fork|hotfix|cherry-pick|\
    rebase|squash|version|template|parameterize|parameterise|script|cron|alarm|chart|graph|plot|\
    surface|display|show|hide|gray out|grey out|default|fall back|rewire|restructure|reorganize|\
    reorganise|pair|fund|budget|buy|purchase|license|contract|negotiate|order|procure|sign up|\
    retain|keep|perform|conduct|prepare|submit|organize|organise|arrange|strip|annotate|lint|\
    fuzz|stub|mock|hardcode|hard-code|unify|sort|seed|cancel|abort|flag|reorder|upsize|downsize|\
    right-size|rightsize|autoscale|reserve|",
);

/// Activity, not change (§5.2): the message asks what decision it leads to.
pub const PROCESS_VERBS: Words = Words(
    "\
    review|explore|investigate|look into|look at|look for|discuss|consider|evaluate|assess|\
    research|think about|analyze|analyse|study|examine|revisit|understand|figure out|find out|\
    dig into|brainstorm|follow up|follow up on|talk to|talk with|meet|sync|sync with|align|plan|\
    scope|monitor|keep an eye on|keep watching|keep monitoring|keep an eye|check|check on|\
    check whether|audit|identify|determine|decide|ask|propose|suggest|circle back|reach out|\
    work on|work with|touch base|clarify|triage|debug|diagnose|reproduce|explain|inspect|survey|\
    go over|go through|walk through|spike|benchmark|measure|profile|prototype|experiment|trial|\
    pilot|seek|watch|observe|track|learn|gather|collect feedback|poll|interview|estimate|\
    quantify|compare|map out|outline|sketch|chat|meet with|consult|coordinate|liaise|confirm|\
    chase|ping|nudge|double-check|double check|follow|",
);

/// Wishes, not actions (§5.2), and asking people to behave better.
pub const WISH_PHRASES: Words = Words(
    "\
    improve|enhance|ensure|make sure|try to|try|be more careful|be careful|better|optimize|\
    optimise|strengthen|harden|address|tackle|streamline|avoid|raise awareness|\
    increase awareness|remind|encourage|emphasize|emphasise|reinforce|focus on|prioritize|\
    prioritise|aim to|strive to|work towards|work toward|do better|get better|continue to|\
    continue|maintain|handle|should|need to|needs to|accelerate|speed up|boost|bolster|beef up|\
    shore up|step up|level up|double down|modernize|modernise|refine|polish|tell|urge|educate|\
    be aware|remember|don't forget|pay attention|stay on top of|keep on top of|make it easier|\
    simplify|mitigate|minimize|minimise|maximize|maximise|guarantee|safeguard|reassure|\
    be mindful|stay vigilant|be vigilant|",
);

/// Owners that are a team, a role or a rotation (§5.1): fail wherever they appear in the name,
/// unless they only annotate a named person.
pub const TEAM_OR_ROLE_WORDS: Words = Words(
    "\
    the team|team|teams|squad|group|guild|tribe|chapter|crew|sre|sres|ops|devops|secops|sysops|\
    netops|dataops|mlops|platform|infra|infrastructure|engineering|eng|devs|developers|engineers|\
    engineer|qa|security|support|on-call|oncall|on call|rotation|roster|shift|management|manager|\
    managers|leadership|lead|leads|vp|svp|evp|director|directors|head|cto|ceo|cio|ciso|coo|dba|\
    dbas|it|helpdesk|networking|incident commander|commander|ic|responders|responder|owners|\
    staff|admin|admins|administrator|sysadmin|sysadmins|architect|architects|pm|tpm|department|\
    dept|org|division|unit|office|desk|ops team|noc|soc|tier|l1|l2|l3|primary|secondary|\
    escalation|pager|duty|coordinator|liaison|scribe|facilitator|",
);

/// Blame in disguise (§5.3): people asked to behave better, or a person named as the cause.
pub const BLAME_PHRASES: Words = Words(
    "\
    should have|should've|shouldn't have|should not have|be more careful|more careful|\
    pay more attention|pay attention|human error|operator error|user error|\
    wouldn't have happened|would not have happened|known better|careless|carelessness|\
    their fault|his fault|her fault|be careful|double-check|double check|remember to|\
    don't forget|do not forget|be mindful|stay vigilant|be vigilant|more attention|more diligent|\
    be diligent|take care|negligence|",
);

/// Training or awareness (§5.3): weak as the only remedy; pair it with a systemic control.
pub const TRAINING_WORDS: Words = Words(
    "\
    train|training|trained|educate|education|awareness|aware|remind|reminder|workshop|course|\
    onboarding|lunch-and-learn|brown bag|briefing|knowledge sharing|communicate|announce|\
    announcement|walk through|walkthrough|share|retrain|refresher|teach|coach|presentation|",
);

/// Systemic controls that make training more than the only remedy, and that make a mistake
/// hard to make (so naming the mistake is not blame).
pub const SYSTEMIC_CONTROL_WORDS: Words = Words(
    "\
    automate|automated|automation|alert|alarm|check|checks|gate|guard|guardrail|guardrails|\
    validation|validate|lint|linter|test|tests|block|require|enforce|prompt|confirmation|ci|\
    pipeline|script|tool|flag|limit|policy|checklist|approval|canary|rollback|dry-run|dry run|\
    cannot|can't|prevent|prevents|reject|rejects|refuse|refuses|lock|two-person|interlock|\
    safeguard|safeguards|blocks|blocking|",
);

/// Objects too vague to be done on their own (§5.3): "Add monitoring", "Fix the bug".
pub const VAGUE_OBJECTS: Words = Words(
    "\
    monitoring|documentation|docs|the bug|bug|bugs|tests|testing|alerting|alerts|logging|logs|\
    observability|metrics|dashboards|process|processes|communication|reliability|performance|\
    stability|resilience|security|coverage|error handling|the issue|issues|problem|problems|\
    things|stuff|it|this|scaling|runbooks|visibility|quality|tooling|automation|config|\
    configuration|validation|checks|code|system|systems|infrastructure|improvements|changes|\
    fixes|ownership|runbook|issue|communications|handling|guardrails|safeguards|root|everything|\
    anything|resilient|robust|reliable|stable|remediation|recovery|practice|practices|culture|\
    hygiene|capacity|resiliency|robustness|response|failures|errors|",
);

/// Owners that are placeholders for "nobody yet" (the whole owner).
pub(super) const PLACEHOLDER_OWNERS: Words = Words(
    "\
    tbd|tba|tbc|n/a|na|none|unassigned|unknown|todo|nobody|no one|-|--|?|??|???|x|xxx|pending|\
    owner|someone tbd|",
);

/// Placeholder words that disqualify an owner wherever they appear ("TBD (Ana?)").
pub(super) const PLACEHOLDER_WORDS: Words = Words("tbd|tba|tbc|unassigned|todo|");

/// Owner words that are never one named person, wherever they appear.
pub(super) const NEVER_A_PERSON: Words = Words(
    "\
    someone|somebody|anyone|anybody|everyone|everybody|nobody|whoever|we|us|they|all|me|myself|i|\
    self|you|yourself|here|channel|folks|people|whomever|ourselves|",
);

/// Departments and service areas: an owner made only of these (and role words) is a team.
pub(super) const DEPARTMENT_WORDS: Words = Words(
    "\
    payments|payment|billing|checkout|storage|search|database|databases|db|network|data|frontend|\
    backend|mobile|web|api|identity|auth|finance|legal|marketing|sales|product|design|operations|\
    release|build|observability|monitoring|reliability|comms|communications|trading|kubernetes|\
    k8s|edge|cloud|core|growth|ml|ai|analytics|ux|customer|success|hr|people|compliance|risk|\
    fraud|orders|inventory|ingest|ingestion|messaging|notifications|accounts|account|senior|sr|\
    junior|jr|principal|staff|chief|tech|technical|",
);

/// Local parts (or parts of them) that mark a shared mailbox or a group handle.
pub(super) const MAILBOX_WORDS: Words = Words(
    "\
    list|lists|admin|admins|alerts|alert|noreply|no-reply|info|help|contact|oncall|on-call|pager|\
    incidents|incident|notifications|root|postmaster|webmaster|hello|office|dl|team|teams|squad|\
    group|rotation|all|everyone|staff|support|helpdesk|ops-team|escalations|",
);

/// Common given names, folded to ASCII: told apart from surnames only to read "X, Y" as two
/// people ("Alice, Bob") rather than "Last, First" ("Silva, Ana").
pub(super) const GIVEN_NAMES: Words = Words(
    "\
    aarav|abdul|adam|adrian|ahmed|aisha|alex|alexander|alice|amara|amir|ana|andrea|andrew|anil|\
    anjali|anna|anne|arjun|ben|bob|carlos|carol|charlie|chloe|chris|daniel|dan|dana|david|diego|\
    elena|emma|eve|fatima|felipe|gabriel|george|grace|hana|hannah|hiroshi|ian|isabella|ivan|jack|\
    james|jane|jason|jean|jennifer|jessica|john|jordan|jose|juan|julia|kenji|kevin|kofi|kwame|\
    laura|leo|liam|lucas|lucia|luis|maria|mark|mary|mei|michael|mohammed|muhammad|morgan|nina|\
    noah|olivia|omar|paul|peter|priya|rahul|rita|robert|sam|sara|sarah|sasha|sofia|sophie|taylor|\
    thomas|tom|tomas|wei|yuki|yusuf|zoe|",
);

/// Words ignored when deciding whether an outcome is only a vague object.
pub(super) const OBJECT_FILLER: Words = Words(
    "\
    the|a|an|our|some|more|better|all|any|this|that|these|those|and|or|of|for|to|in|on|with|its|\
    their|new|proper|good|general|overall|around|about|up|further|additional|",
);

/// Words of a clause that add nothing checkable ("so we catch it sooner", "behind the
/// incident"): a vague object stays vague behind them.
pub(super) const EMPTY_CLAUSE_WORDS: Words = Words(
    "\
    so|that|which|we|they|it|it's|its|this|these|those|he|she|you|us|catch|notice|find|see|know|\
    sooner|faster|earlier|quicker|quickly|easier|clearer|simpler|nicer|again|ever|next|time|\
    future|happen|happens|happened|recur|recurs|occur|occurs|read|reads|work|works|behind|caused|\
    cause|causing|incident|outage|is|are|was|were|be|been|being|do|does|did|doesn't|don't|didn't|\
    can|can't|cannot|won't|will|would|should|not|never|same|similar|like|way|ways|properly|\
    correctly|well|going|forward|anymore|why|how|what|when|where|during|caught|maintain|\
    understand|systemic|there|here|everywhere|generally|overall|much|less|lot|lots|really|very|\
    easy|clear|nice|they're|we're|that's|there's|we'll|debug|troubleshoot|diagnose|respond|react|\
    spot|detect|api|db|ui|service|services|users|people|someone|anyone|",
);

/// Nouns that make the thing to produce a meeting, a ticket, a plan or an investigation.
pub(super) const PROCESS_OBJECTS: Words = Words(
    "\
    meeting|meetings|call|sync|session|discussion|retro|retrospective|review|ticket|tickets|\
    issue|story|jira|epic|proposal|plan|rfc|investigation|analysis|spike|study|assessment|\
    evaluation|research|exploration|deep-dive|dive|brainstorm|conversation|chat|huddle|standup|\
    check-in|follow-up|followup|poc|doc|document|writeup|write-up|strategy|roadmap|workshop|\
    lunch-and-learn|town-hall|offsite|all-hands|",
);

/// Words that may follow a process object without changing what it is ("an issue upstream").
pub(super) const PROCESS_OBJECT_TRAILERS: Words = Words(
    "\
    upstream|internally|externally|first|now|today|asap|soon|",
);

/// A plan named after an operation is a runbook ("a rollback plan"), not a plan to decide.
pub(super) const OPERATIONAL_PLANS: Words = Words(
    "\
    rollback|failover|recovery|dr|disaster|backup|restore|incident|response|communication|comms|\
    escalation|test|runbook|contingency|continuity|cutover|migration|capacity|on-call|",
);

/// Words that end the noun phrase after a verb.
pub(super) const PHRASE_BOUNDARIES: Words = Words(
    "\
    to|for|with|about|on|into|of|at|in|that|which|so|around|regarding|re|covering|across|between|\
    from|before|after|when|where|by|and|or|if|until|once|while|because|since|",
);

/// Adverbs that may come before the verb ("Manually inspect…", "Also add…").
pub(super) const LEADING_ADVERBS: Words = Words(
    "\
    also|then|please|just|first|finally|additionally|next|now|asap|",
);

/// Verbs that tell or record rather than build: naming a mistake with them is still blame.
pub(super) const TELLING_VERBS: Words = Words(
    "\
    send|email|notify|tell|share|announce|post|publish|document|communicate|write|record|log|\
    remind|ask|encourage|urge|train|retrain|educate|explain|present|make|",
);

/// Words after which an outcome verb starts a second task.
pub(super) const CLAUSE_JOINERS: Words = Words("then|also|plus|");

/// Fixed pairs joined by "and" that are one thing ("read and write").
pub(super) const AND_PAIRS: Words = Words(
    "\
    read and write|find and replace|search and replace|trial and error|back and forth|\
    up and down|pros and cons|start and stop|stop and start|save and restore|backup and restore|\
    request and response|",
);

/// Verbs that produce a meeting, a ticket or a document when their object is one.
pub(super) const PRODUCING_VERBS: Words = Words(
    "\
    set up|schedule|book|hold|host|organize|organise|arrange|run|do|kick off|start|open|file|\
    create|write|draft|raise|submit|prepare|conduct|perform|have|make|set|put together|",
);

/// Verbs that ask people to behave better ("remind engineers to…").
pub(super) const PEOPLE_VERBS: Words = Words("remind|tell|urge|encourage|instruct|nag|");

/// Abstract nouns that stay vague whatever follows them, unless a number or a name does
/// ("the visibility of network capacity", "a practice of validating failure scenarios").
pub(super) const ABSTRACT_HEADS: Words = Words(
    "\
    visibility|insight|insights|awareness|understanding|practice|practices|culture|habit|habits|\
    mindset|approach|posture|hygiene|maturity|excellence|ownership|",
);

/// Gerunds that name a thing rather than an action ("alerting thresholds", "look into scaling").
pub(super) const NOUN_GERUNDS: Words = Words(
    "\
    alerting|logging|monitoring|testing|scaling|caching|paging|staging|tracing|routing|\
    networking|billing|pricing|onboarding|training|planning|building|handling|processing|\
    sharding|indexing|queueing|queuing|timing|setting|settings|hosting|rate-limiting|\
    load-balancing|",
);

/// Acronyms every system has: "the API" names no service.
pub(super) const GENERIC_ACRONYMS: Words = Words(
    "\
    api|apis|db|ui|ci|cd|cpu|sql|os|vm|pr|url|http|https|ssh|it|qa|",
);

/// Objects vague whatever follows them, unless a number or a name does.
pub(super) const WHOLLY_VAGUE: Words = Words("everything|anything|things|stuff|");

/// Words of an owner that carry no identity ("the", a title like "Dr.").
pub(super) const OWNER_FILLER: Words = Words(
    "\
    the|our|my|dr|mr|mrs|ms|mx|prof|",
);

/// Words after a name that start a note about them ("Ana from the storage team").
pub(super) const ANNOTATION_STARTERS: Words = Words(
    "\
    from|of|on|in|at|with|for|",
);

/// Words that join several owners.
pub(super) const JOINERS: Words = Words("and|or|plus|&|+|");
