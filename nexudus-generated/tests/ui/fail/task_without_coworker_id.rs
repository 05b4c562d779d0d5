// CreateCoworkerTask needs CoworkerId.
use nexudus_generated::crm::CreateCoworkerTask;

fn main() {
    let _request = CreateCoworkerTask::builder().business_id(3).name("Welcome tour").responsible_id(7).build();
}
