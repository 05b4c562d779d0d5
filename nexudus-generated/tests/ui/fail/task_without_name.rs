// CreateCoworkerTask needs Name.
use nexudus_generated::crm::CreateCoworkerTask;

fn main() {
    let _request = CreateCoworkerTask::builder().business_id(3).coworker_id(1).responsible_id(7).build();
}
