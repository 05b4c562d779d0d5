// An integer enum's setter takes the enum, not a bare integer that may name no variant (the
// integer stays available, deliberately, through `Gender::from_value`).
use nexudus_generated::spaces::CreateCoworker;

fn main() {
    let _builder = CreateCoworker::builder().gender(2);
}
