package io.vigil.notify;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vigil.web.NotFoundException;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/people}: users and group members with their e-mail addresses, as the notification
 * worker reads them (it has no access to the engine's identity service).
 */
@RestController
@RequestMapping("/api/people")
@Validated
@Tag(name = "People", description = "Users and group members, with the e-mail addresses notifications go to")
class PeopleController {

  /** The engine's resource id whitelist (application.yaml): what a user or group id can be. */
  static final String ID = "[a-zA-Z0-9][a-zA-Z0-9._@-]*";

  private final People people;

  PeopleController(People people) {
    this.people = people;
  }

  @GetMapping("/{userId}")
  @Operation(summary = "One user: id, name and e-mail (null when none is recorded)")
  Person person(@PathVariable @Size(max = 64) @Pattern(regexp = ID) String userId) {
    return people.person(userId).orElseThrow(() -> new NotFoundException("user", userId));
  }

  @GetMapping
  @Operation(summary = "The members of a group, by user id", description = "404 when there is no such group.")
  List<Person> members(@RequestParam @Size(max = 64) @Pattern(regexp = ID) String group) {
    return people.members(group).orElseThrow(() -> new NotFoundException("group", group));
  }
}
