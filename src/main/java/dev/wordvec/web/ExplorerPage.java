package dev.wordvec.web;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code GET /}: the explorer page. Spring Boot's welcome page would serve it, but {@code POST /}
 * is mapped (TEI's embed route), and a path mapped for one method answers every other method
 * with a 405 before the welcome page is looked at; so the page is mapped here, by name.
 */
@Controller
@Hidden
class ExplorerPage {

    @GetMapping("/")
    String page() {
        return "forward:/index.html";
    }
}
